package evidence

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
