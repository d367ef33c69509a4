package report

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// The SARIF 2.1.0 schema's shape, for the objects a report can contain: for
// each object, every property the schema allows (all other properties are
// forbidden, as the schema's "additionalProperties": false says), the
// required ones, and the type of each property this package can write.
// Property types: "string", "uri" (absolute), "uriref", "int>=-1",
// "int>=1", "bool", "enum:a|b", "obj:<shape>", "arr:<shape>", "arr:string",
// "map:string", "bag" (a property bag: free keys, "tags" a set of strings),
// "any" (allowed, not written by this package, not checked further).
type sarifShape struct {
	props    map[string]string
	required []string
	oneOf    []string // at least one of these must be present
}

var sarifLevels = "enum:none|note|warning|error"

var sarifShapes = map[string]sarifShape{
	"log": {
		props:    map[string]string{"$schema": "uri", "version": "enum:2.1.0", "runs": "arr:run", "inlineExternalProperties": "any", "properties": "bag"},
		required: []string{"version", "runs"},
	},
	"run": {
		props: withAny(map[string]string{"tool": "obj:tool", "results": "arr:result", "properties": "bag"},
			"invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts",
			"logicalLocations", "graphs", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
			"defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
			"threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
			"specialLocations"),
		required: []string{"tool"},
	},
	"tool": {
		props:    map[string]string{"driver": "obj:toolComponent", "extensions": "arr:toolComponent", "properties": "bag"},
		required: []string{"driver"},
	},
	"toolComponent": {
		props: withAny(map[string]string{"name": "string", "informationUri": "uri", "rules": "arr:reportingDescriptor", "version": "string", "properties": "bag"},
			"guid", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName",
			"semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "globalMessageStrings",
			"notifications", "taxa", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
			"minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies"),
		required: []string{"name"},
	},
	"reportingDescriptor": {
		props: withAny(map[string]string{
			"id": "string", "name": "string", "shortDescription": "obj:multiformatMessageString",
			"fullDescription": "obj:multiformatMessageString", "help": "obj:multiformatMessageString", "helpUri": "uri",
			"defaultConfiguration": "obj:reportingConfiguration", "properties": "bag",
		}, "deprecatedIds", "guid", "deprecatedGuids", "deprecatedNames", "messageStrings", "relationships"),
		required: []string{"id"},
	},
	"multiformatMessageString": {
		props:    map[string]string{"text": "string", "markdown": "string", "properties": "bag"},
		required: []string{"text"},
	},
	"reportingConfiguration": {
		props: map[string]string{"enabled": "bool", "level": sarifLevels, "rank": "any", "parameters": "bag", "properties": "bag"},
	},
	"result": {
		props: withAny(map[string]string{
			"ruleId": "string", "ruleIndex": "int>=-1", "kind": "enum:notApplicable|pass|fail|review|open|informational",
			"level": sarifLevels, "message": "obj:message", "locations": "arr:location", "partialFingerprints": "map:string",
			"fingerprints": "map:string", "suppressions": "arr:suppression", "properties": "bag",
		}, "rule", "analysisTarget", "guid", "correlationGuid", "occurrenceCount", "stacks", "codeFlows", "graphs",
			"graphTraversals", "relatedLocations", "baselineState", "rank", "attachments", "hostedViewerUri",
			"workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse"),
		required: []string{"message"},
	},
	"message": {
		props: map[string]string{"text": "string", "markdown": "string", "id": "string", "arguments": "arr:string", "properties": "bag"},
		oneOf: []string{"text", "id"},
	},
	"location": {
		props: withAny(map[string]string{
			"physicalLocation": "obj:physicalLocation", "logicalLocations": "arr:logicalLocation", "message": "obj:message", "properties": "bag",
		}, "id", "annotations", "relationships"),
	},
	"physicalLocation": {
		props: withAny(map[string]string{"artifactLocation": "obj:artifactLocation", "region": "obj:region", "contextRegion": "obj:region", "properties": "bag"},
			"address"),
		oneOf: []string{"address", "artifactLocation"},
	},
	"artifactLocation": {
		props: withAny(map[string]string{"uri": "uriref", "uriBaseId": "string", "index": "int>=-1", "description": "obj:message", "properties": "bag"}),
	},
	"region": {
		props: withAny(map[string]string{"startLine": "int>=1", "startColumn": "int>=1", "endLine": "int>=1", "endColumn": "int>=1", "properties": "bag"},
			"charOffset", "charLength", "byteOffset", "byteLength", "snippet", "message", "sourceLanguage"),
	},
	"logicalLocation": {
		props: withAny(map[string]string{"name": "string", "fullyQualifiedName": "string", "kind": "string", "index": "int>=-1", "parentIndex": "int>=-1", "properties": "bag"},
			"decoratedName"),
	},
	"suppression": {
		props: withAny(map[string]string{
			"kind": "enum:inSource|external", "status": "enum:accepted|underReview|rejected", "justification": "string", "properties": "bag",
		}, "guid", "location"),
		required: []string{"kind"},
	},
}

func withAny(props map[string]string, names ...string) map[string]string {
	for _, n := range names {
		props[n] = "any"
	}
	return props
}

// checkSARIFShape validates a decoded document against sarifShapes and
// returns every violation with its JSON path.
func checkSARIFShape(doc any) []string {
	var errs []string
	checkValue("$", doc, "obj:log", &errs)
	return errs
}

func checkValue(at string, v any, typ string, errs *[]string) {
	fail := func(format string, args ...any) { *errs = append(*errs, at+": "+fmt.Sprintf(format, args...)) }
	kind, arg, _ := strings.Cut(typ, ":")
	switch kind {
	case "any":
	case "string":
		if _, ok := v.(string); !ok {
			fail("want a string, got %T", v)
		}
	case "uri", "uriref":
		s, ok := v.(string)
		if !ok {
			fail("want a URI string, got %T", v)
			return
		}
		u, err := url.Parse(s)
		if err != nil || strings.ContainsAny(s, " \t\n") || (kind == "uri" && !u.IsAbs()) {
			fail("%q is not a valid %s", s, map[string]string{"uri": "absolute URI", "uriref": "URI reference"}[kind])
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			fail("want a boolean, got %T", v)
		}
	case "int>=-1", "int>=1":
		n, ok := v.(float64)
		floor := map[string]float64{"int>=-1": -1, "int>=1": 1}[kind]
		if !ok || n != float64(int64(n)) || n < floor {
			fail("want an integer >= %g, got %v", floor, v)
		}
	case "enum":
		s, _ := v.(string)
		if !slices.Contains(strings.Split(arg, "|"), s) {
			fail("%v is not one of %s", v, arg)
		}
	case "map":
		obj, ok := v.(map[string]any)
		if !ok {
			fail("want an object, got %T", v)
			return
		}
		for k, e := range obj {
			checkValue(at+"."+k, e, arg, errs)
		}
	case "arr":
		list, ok := v.([]any)
		if !ok {
			fail("want an array, got %T", v)
			return
		}
		elem := arg
		if _, isShape := sarifShapes[arg]; isShape {
			elem = "obj:" + arg
		}
		for i, e := range list {
			checkValue(fmt.Sprintf("%s[%d]", at, i), e, elem, errs)
		}
	case "bag":
		obj, ok := v.(map[string]any)
		if !ok {
			fail("want a property bag object, got %T", v)
			return
		}
		if tags, present := obj["tags"]; present {
			checkValue(at+".tags", tags, "arr:string", errs)
			if list, _ := tags.([]any); len(list) > 0 {
				seen := map[any]bool{}
				for _, tag := range list {
					if seen[tag] {
						fail("tags must be unique; %v repeats", tag)
					}
					seen[tag] = true
				}
			}
		}
	case "obj":
		shape, known := sarifShapes[arg]
		obj, ok := v.(map[string]any)
		if !known || !ok {
			fail("want a %s object, got %T", arg, v)
			return
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t, allowed := shape.props[k]
			if !allowed {
				fail("property %q is not allowed in %s", k, arg)
				continue
			}
			checkValue(at+"."+k, obj[k], t, errs)
		}
		for _, r := range shape.required {
			if _, ok := obj[r]; !ok {
				fail("%s requires %q", arg, r)
			}
		}
		if len(shape.oneOf) > 0 && !slices.ContainsFunc(shape.oneOf, func(k string) bool { _, ok := obj[k]; return ok }) {
			fail("%s needs one of %v", arg, shape.oneOf)
		}
	default:
		fail("unknown type %q in the test's shape table", typ)
	}
}

// The test's own view of a SARIF log, decoded independently of the types
// that write it. Pointers tell an absent property from a zero one.
type decodedText struct {
	Text *string `json:"text"`
}

type decodedRule struct {
	ID                   string      `json:"id"`
	Name                 string      `json:"name"`
	ShortDescription     decodedText `json:"shortDescription"`
	FullDescription      decodedText `json:"fullDescription"`
	Help                 decodedText `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity"`
	} `json:"properties"`
}

type decodedResult struct {
	RuleID    string      `json:"ruleId"`
	RuleIndex *int        `json:"ruleIndex"`
	Kind      string      `json:"kind"`
	Level     string      `json:"level"`
	Message   decodedText `json:"message"`
	Locations []struct {
		PhysicalLocation *struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region *struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
		LogicalLocations []struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
		} `json:"logicalLocations"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
		Properties    struct {
			ApprovedBy string `json:"approved_by"`
			Expires    string `json:"expires"`
		} `json:"properties"`
	} `json:"suppressions"`
	Properties struct {
		Workload     string   `json:"workload"`
		ServiceModel string   `json:"service_model"`
		Baseline     string   `json:"baseline"`
		Status       string   `json:"status"`
		Remediation  string   `json:"remediation"`
		References   []string `json:"references"`
	} `json:"properties"`
}

type decodedRun struct {
	Tool struct {
		Driver struct {
			Name           string        `json:"name"`
			Version        string        `json:"version"`
			InformationURI string        `json:"informationUri"`
			Rules          []decodedRule `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Results []decodedResult `json:"results"`
}

type decodedLog struct {
	Schema  string       `json:"$schema"`
	Version string       `json:"version"`
	Runs    []decodedRun `json:"runs"`
}

// checkSARIFSemantics checks what the schema cannot: that every result
// names a rule that exists and indexes it, that rule ids are unique, and
// that kind and level agree (SARIF 2.1.0 §3.27.9 and §3.27.10: a level
// other than "none" needs kind "fail", any other kind needs level "none").
func checkSARIFSemantics(doc decodedLog) []string {
	var errs []string
	for ri, run := range doc.Runs {
		ids := map[string]int{}
		for i, r := range run.Tool.Driver.Rules {
			if _, dup := ids[r.ID]; dup {
				errs = append(errs, fmt.Sprintf("runs[%d]: rule id %q appears twice", ri, r.ID))
			}
			ids[r.ID] = i
		}
		for i, res := range run.Results {
			want, ok := ids[res.RuleID]
			switch {
			case !ok:
				errs = append(errs, fmt.Sprintf("runs[%d].results[%d].ruleId %q is not among the rules", ri, i, res.RuleID))
			case res.RuleIndex == nil:
				errs = append(errs, fmt.Sprintf("runs[%d].results[%d] has no ruleIndex", ri, i))
			case *res.RuleIndex != want:
				errs = append(errs, fmt.Sprintf("runs[%d].results[%d].ruleIndex is %d, but rule %q is at %d", ri, i, *res.RuleIndex, res.RuleID, want))
			}
			if res.Kind != "" && res.Kind != "fail" && res.Level != "" && res.Level != "none" {
				errs = append(errs, fmt.Sprintf("runs[%d].results[%d] has kind %q with level %q; only kind \"fail\" has a severity", ri, i, res.Kind, res.Level))
			}
		}
	}
	return errs
}

// validateSARIF decodes a log and returns it with every shape and
// semantic violation.
func validateSARIF(out string) (decodedLog, []string) {
	var generic any
	if err := json.Unmarshal([]byte(out), &generic); err != nil {
		return decodedLog{}, []string{"not JSON: " + err.Error()}
	}
	var doc decodedLog
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		return decodedLog{}, []string{"not a SARIF log: " + err.Error()}
	}
	return doc, append(checkSARIFShape(generic), checkSARIFSemantics(doc)...)
}

func mustBeValidSARIF(t *testing.T, out string) decodedRun {
	t.Helper()
	doc, errs := validateSARIF(out)
	for _, e := range errs {
		t.Error(e)
	}
	if doc.Schema != SARIFSchemaURI || doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("header = %q %q with %d runs, want %q 2.1.0 with one run", doc.Schema, doc.Version, len(doc.Runs), SARIFSchemaURI)
	}
	return doc.Runs[0]
}

func text(t decodedText) string {
	if t.Text == nil {
		return "<absent>"
	}
	return *t.Text
}

// The checker itself must reject what the schema rejects.
func TestSARIFShapeChecker_RejectsInvalid(t *testing.T) {
	t.Parallel()
	bad := `{"version": "2.0.0", "runs": [{"tool": {"driver": {"rules": [{"id": "a", "shortDescription": {}}, {"id": "c"}, {"id": "c"}]}},
	  "results": [{"ruleId": "b", "ruleIndex": 0, "level": "fatal", "message": {}, "extra": 1,
	    "locations": [{"physicalLocation": {"region": {"startLine": 0}}, "logicalLocations": [{"name": "w"}]}],
	    "suppressions": [{"justification": "x"}]},
	    {"ruleId": "a", "ruleIndex": 1, "message": {"text": "t"}, "properties": {"tags": ["x", "x"]}},
	    {"ruleId": "a", "message": {"text": "t"}},
	    {"ruleId": "a", "ruleIndex": 0, "kind": "open", "level": "note", "message": {"text": "t"}}]}]}`
	_, found := validateSARIF(bad)
	errs := strings.Join(found, "\n")
	for _, want := range []string{
		`$.version: 2.0.0 is not one of 2.1.0`,
		`$.runs[0].tool.driver: toolComponent requires "name"`,
		`$.runs[0].tool.driver.rules[0].shortDescription: multiformatMessageString requires "text"`,
		`$.runs[0].results[0]: property "extra" is not allowed in result`,
		`$.runs[0].results[0].level: fatal is not one of none|note|warning|error`,
		`$.runs[0].results[0].message: message needs one of [text id]`,
		`$.runs[0].results[0].locations[0].physicalLocation: physicalLocation needs one of [address artifactLocation]`,
		`$.runs[0].results[0].locations[0].physicalLocation.region.startLine: want an integer >= 1, got 0`,
		`$.runs[0].results[0].suppressions[0]: suppression requires "kind"`,
		`$.runs[0].results[1].properties: tags must be unique; x repeats`,
		`runs[0]: rule id "c" appears twice`,
		`runs[0].results[1].ruleIndex is 1, but rule "a" is at 0`,
		`runs[0].results[0].ruleId "b" is not among the rules`,
		`runs[0].results[2] has no ruleIndex`,
		`runs[0].results[3] has kind "open" with level "note"`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("checker missed %q; it said:\n%s", want, errs)
		}
	}
}

func sarifSample() *Report {
	r := sample()
	r.Workloads = append(r.Workloads, Workload{Name: "orders", ServiceModel: "paas", Findings: []Finding{
		{Control: "encryption.min_tls_version", Domain: "data_protection", Owner: "shared", Severity: "medium", Status: finding.StatusViolated, Message: "TLS 1.0."},
		{Control: "logging.anomaly_detection", Domain: "monitoring_logging", Owner: "shared", Severity: "low", Status: finding.StatusViolated, Message: "Off."},
		{Control: "storage.public_access", Domain: "data_protection", Owner: "shared", Severity: "critical", Status: finding.StatusViolated, Message: "Public."},
		{Control: "network.ingress_rules", Domain: "network_configuration", Owner: "customer", Severity: "high", Status: finding.StatusViolated, Message: "Rule 0 open."},
		{Control: "network.ingress_rules", Domain: "network_configuration", Owner: "customer", Severity: "critical", Status: finding.StatusViolated, Message: "Rule 1 open."},
		{Control: "custom.review", Domain: "compliance", Owner: "customer", Severity: "high", Status: finding.StatusViolated, Message: "Hand-written."},
	}})
	return r
}

func TestSARIF_ValidAndMapped(t *testing.T) {
	t.Parallel()
	m := model.Default()
	out, err := SARIF(m, sarifSample())
	if err != nil {
		t.Fatal(err)
	}
	run := mustBeValidSARIF(t, out)
	driver := run.Tool.Driver
	if driver.Name != "terraform-provider-srm" || driver.InformationURI != "https://github.com/shared-responsibility/terraform-provider-srm" {
		t.Errorf("driver = %q %q", driver.Name, driver.InformationURI)
	}

	// One rule per control, catalog controls in catalog order, others after.
	var ruleIDs []string
	for _, r := range driver.Rules {
		ruleIDs = append(ruleIDs, r.ID)
	}
	wantIDs := []string{"identity.mfa_required", "network.ingress_rules", "encryption.min_tls_version",
		"logging.anomaly_detection", "backup.enabled", "storage.public_access", "custom.review"}
	if !slices.Equal(ruleIDs, wantIDs) {
		t.Fatalf("rule ids = %v\nwant %v", ruleIDs, wantIDs)
	}
	c, _ := m.Control("storage.public_access")
	rule := driver.Rules[5]
	if rule.Name != "StoragePublicAccess" || text(rule.ShortDescription) != c.Title ||
		text(rule.FullDescription) != c.Description || rule.DefaultConfiguration.Level != "error" {
		t.Errorf("rule from catalog = %+v", rule)
	}
	if !slices.Equal(rule.Properties.Tags, []string{"security", "data_protection"}) || rule.Properties.SecuritySeverity != "9.5" {
		t.Errorf("rule properties = %+v", rule.Properties)
	}
	if help := text(rule.Help); !strings.HasPrefix(help, c.Remediation) {
		t.Errorf("help = %q, want the catalog remediation first", help)
	}
	if lvl := driver.Rules[3].DefaultConfiguration.Level; lvl != "note" {
		t.Errorf("a low-severity rule's default level = %q, want note", lvl)
	}
	custom := driver.Rules[6]
	if custom.Name != "CustomReview" || !strings.Contains(text(custom.FullDescription), "not in this provider's control catalog") {
		t.Errorf("rule of an unknown control = %+v", custom)
	}

	type row struct{ rule, kind, level, workload string }
	var got []row
	for i, res := range run.Results {
		if len(res.Locations) != 1 || len(res.Locations[0].LogicalLocations) != 1 {
			t.Fatalf("results[%d] locations = %+v", i, res.Locations)
		}
		loc := res.Locations[0]
		if loc.PhysicalLocation != nil {
			t.Errorf("results[%d]: no artifact URI was set, yet it has a physical location", i)
		}
		if loc.LogicalLocations[0].Kind != "resource" {
			t.Errorf("results[%d] logical location kind = %q", i, loc.LogicalLocations[0].Kind)
		}
		got = append(got, row{res.RuleID, res.Kind, res.Level, loc.LogicalLocations[0].Name})
	}
	// A waived finding still fails at its severity's level (its suppression
	// hides it); a deferred one is open, at level none.
	want := []row{
		{"storage.public_access", "fail", "error", "legacy-batch"},
		{"backup.enabled", "fail", "error", "legacy-batch"},
		{"identity.mfa_required", "open", "none", "legacy-batch"},
		{"encryption.min_tls_version", "fail", "warning", "orders"},
		{"logging.anomaly_detection", "fail", "note", "orders"},
		{"storage.public_access", "fail", "error", "orders"},
		{"network.ingress_rules", "fail", "error", "orders"},
		{"network.ingress_rules", "fail", "error", "orders"},
		{"custom.review", "fail", "error", "orders"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("results = %v\nwant %v", got, want)
	}

	// Only the waived finding is suppressed, and its suppression has a kind.
	for i, res := range run.Results {
		if (i == 1) != (len(res.Suppressions) > 0) {
			t.Errorf("results[%d] suppressions = %+v", i, res.Suppressions)
		}
	}
	if s := run.Results[1].Suppressions; len(s) != 1 || s[0].Kind != "external" || s[0].Status != "accepted" ||
		s[0].Justification != "Rebuilt from source | nightly" || s[0].Properties.ApprovedBy != "platform-lead" ||
		s[0].Properties.Expires != "2099-06-30" {
		t.Errorf("suppression = %+v", s)
	}
	if msg := text(run.Results[0].Message); msg != "legacy-batch: storage.public_access is true | anyone can read\nthe bucket." {
		t.Errorf("message = %q", msg)
	}

	// Fingerprints tell apart the same control in two workloads and two
	// findings of one control in one workload.
	prints := map[string]bool{}
	for i, res := range run.Results {
		fp := res.PartialFingerprints[FingerprintKey]
		if fp == "" || prints[fp] {
			t.Errorf("results[%d] fingerprint %q is empty or repeats", i, fp)
		}
		prints[fp] = true
	}

	again, _ := SARIF(m, sarifSample())
	if again != out {
		t.Error("SARIF is not deterministic")
	}
}

// A result points at its workload's own file and line where the report has
// them, at the artifact with no region where it has only that (line 1
// would be a wrong line), and nowhere physical where it has neither.
func TestSARIF_Locations(t *testing.T) {
	t.Parallel()
	r := sarifSample()
	r.ArtifactURI = "infra/main.tf"
	r.Workloads[0].File, r.Workloads[0].Line = "infra/payments.tf", 42
	r.Workloads[1].File = "infra/ledger.tf" // a file without a line
	out, err := SARIF(model.Default(), r)
	if err != nil {
		t.Fatal(err)
	}
	run := mustBeValidSARIF(t, out)
	if len(run.Results) != 9 {
		t.Fatalf("%d results, want 9", len(run.Results))
	}
	type where struct {
		uri  string
		line int // 0: no region
	}
	want := map[string]where{
		r.Workloads[0].Name: {"infra/payments.tf", 42},
		r.Workloads[1].Name: {"infra/ledger.tf", 0},
		"orders":            {"infra/main.tf", 0},
	}
	for i, res := range run.Results {
		phys := res.Locations[0].PhysicalLocation
		if phys == nil {
			t.Fatalf("results[%d] has no physical location", i)
		}
		w := want[res.Properties.Workload]
		got := where{uri: phys.ArtifactLocation.URI}
		if phys.Region != nil {
			got.line = phys.Region.StartLine
		}
		if got != w {
			t.Errorf("results[%d] (%s) points at %+v, want %+v", i, res.Properties.Workload, got, w)
		}
	}
	if strings.Contains(out, `"startLine": 1`) {
		t.Error("a result points at line 1, a line no workload is on")
	}

	r.ArtifactURI = ""
	r.Workloads[0].File, r.Workloads[1].File = "", ""
	out, err = SARIF(model.Default(), r)
	if err != nil {
		t.Fatal(err)
	}
	for i, res := range mustBeValidSARIF(t, out).Results {
		if res.Locations[0].PhysicalLocation != nil {
			t.Errorf("results[%d] has a physical location with no file given", i)
		}
	}
}

func TestSARIF_ToolVersion(t *testing.T) {
	t.Parallel()
	r := sarifSample()
	r.ToolVersion = "1.4.0"
	out, err := SARIF(model.Default(), r)
	if err != nil {
		t.Fatal(err)
	}
	if v := mustBeValidSARIF(t, out).Tool.Driver.Version; v != "1.4.0" {
		t.Errorf("driver version = %q, want 1.4.0", v)
	}
}

func TestSARIF_Empty(t *testing.T) {
	t.Parallel()
	out, err := SARIF(model.Default(), &Report{Workloads: []Workload{{Name: "ok", ServiceModel: "saas"}}})
	if err != nil {
		t.Fatal(err)
	}
	mustBeValidSARIF(t, out)
	// A scan that found nothing still has "results": [] and "rules": [].
	if !strings.Contains(out, `"rules": []`) || !strings.Contains(out, `"results": []`) {
		t.Errorf("empty lists must be written as []:\n%s", out)
	}
}

func TestResultLevelAndRuleName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status, severity, want string
	}{
		{finding.StatusViolated, "critical", "error"}, {finding.StatusViolated, "high", "error"},
		{finding.StatusViolated, "medium", "warning"}, {finding.StatusViolated, "low", "note"},
		{finding.StatusWaived, "critical", "error"}, {finding.StatusWaived, "low", "note"},
		{finding.StatusDeferred, "critical", "none"}, {finding.StatusDeferred, "low", "none"},
	} {
		f := Finding{Status: tc.status, Severity: tc.severity}
		if got := ResultLevel(f); got != tc.want || !slices.Contains(Levels, got) {
			t.Errorf("%s/%s = %s, want %s", tc.status, tc.severity, got, tc.want)
		}
		// SARIF 2.1.0 §3.27.10: a kind other than "fail" has level "none".
		if kind := ResultKind(f); (kind == KindFail) == (ResultLevel(f) == LevelNone) {
			t.Errorf("%s/%s: kind %s with level %s", tc.status, tc.severity, kind, ResultLevel(f))
		}
	}
	for id, want := range map[string]string{"encryption.at_rest": "EncryptionAtRest", "secrets_scan": "SecretsScan", "...": "Control", "a1.b": "A1B"} {
		if got := RuleName(id); got != want {
			t.Errorf("RuleName(%q) = %q, want %q", id, got, want)
		}
	}
}
