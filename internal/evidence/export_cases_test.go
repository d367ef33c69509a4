package evidence

import "strings"

// TableCase is a mapping case as other packages' tests see it.
type TableCase struct {
	Cloud, Type, Name                      string
	Obj                                    map[string]any
	Want                                   map[string]string
	Baseline, ServiceModel, Classification string
}

// TableCases returns every cloud's mapping cases, for tests that judge the
// same resources another way (srm audit) and compare the verdicts.
func TableCases() []TableCase {
	var out []TableCase
	for cloud, cases := range casesByCloud {
		for _, c := range cases {
			out = append(out, TableCase{Cloud: cloud, Type: c.Type, Name: c.Name, Obj: c.Obj, Want: c.Want,
				Baseline: c.Baseline, ServiceModel: c.ServiceModel, Classification: c.Classification})
		}
	}
	return out
}

// SampleObject is a planned object of a type holding a plain value in every
// top-level attribute its real schema lets a user set, for benchmarks.
func SampleObject(typ string) map[string]any {
	root, _, ok := schemaFor(typ)
	if !ok {
		return nil
	}
	obj := map[string]any{}
	for _, a := range root.Attrs {
		if a.ComputedOnly() {
			continue
		}
		switch {
		case a.Type == "string":
			obj[a.Name] = "sample"
		case a.Type == "bool":
			obj[a.Name] = true
		case a.Type == "number":
			obj[a.Name] = float64(1)
		case a.objectList(), strings.HasPrefix(a.Type, "list("), strings.HasPrefix(a.Type, "set("):
			obj[a.Name] = []any{}
		case strings.HasPrefix(a.Type, "map("):
			obj[a.Name] = map[string]any{}
		default:
			obj[a.Name] = nil
		}
	}
	return obj
}
