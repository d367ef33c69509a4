package evidence

import (
	"fmt"
	"strings"
	"testing"
)

// Every table in data/ - whoever adds it - is checked against the real
// providers' schemas: a mapping path, when condition, reader field or
// default that the provider does not have, with that nesting and type,
// fails here.
func TestTablesMatchProviderSchemas(t *testing.T) {
	ts, err := LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range ts {
		for _, p := range CheckSchema(tb) {
			t.Errorf("%s table: %s", tb.Cloud, p)
		}
	}
}

// The digest tells blocks from object attributes and records value types:
// checked on attributes whose shape is known from the providers' docs.
func TestSchemaDigestKnownShapes(t *testing.T) {
	for _, c := range []struct{ typ, path, want string }{
		// A set of objects set as an attribute (ConfigMode attr), not a block.
		{"aws_security_group", "ingress", "set(object)"},
		{"aws_security_group", "ingress[*].cidr_blocks", "list(string)"},
		{"aws_db_instance", "storage_encrypted", "bool"},
		{"aws_db_instance", "backup_retention_period", "number"},
		{"aws_db_instance", "blue_green_update", "block_list"},
		{"aws_db_instance", "timeouts", "block_single"},
		{"aws_db_instance", "listener_endpoint", "list(object)"},
		{"aws_s3_bucket_server_side_encryption_configuration", "rule", "block_set"},
		{"aws_s3_bucket_server_side_encryption_configuration", "rule[*].apply_server_side_encryption_by_default[0].kms_master_key_id", "string"},
		// Stored as strings "true"/"false" in hashicorp/aws 6.x.
		{"aws_elasticache_replication_group", "at_rest_encryption_enabled", "string"},
		// A single nested attribute of a framework resource.
		{"aws_s3tables_table", "encryption_configuration", "object"},
		{"google_compute_instance", "metadata", "map(string)"},
		{"azurerm_storage_account", "min_tls_version", "string"},
		{"azuread_conditional_access_policy", "conditions", "block_list"},
		// Resources in data-* directories of the bindings, like the data sources.
		{"azurerm_data_protection_backup_vault", "redundancy", "string"},
		{"azurerm_data_factory_linked_service_sql_server", "key_vault_password", "block_list"},
		{"google_data_fusion_instance", "private_instance", "bool"},
	} {
		root, _, ok := schemaFor(c.typ)
		if !ok {
			t.Errorf("%s: not in the digest", c.typ)
			continue
		}
		r, err := resolvePath(root, c.path)
		if err != nil {
			t.Errorf("%s.%s: %v", c.typ, c.path, err)
			continue
		}
		got := r.valueType()
		if r.attr != nil && !r.elem && (r.attr.objectList() || r.attr.object()) {
			got = r.attr.Type
		}
		if got != c.want {
			t.Errorf("%s.%s: %s, want %s", c.typ, c.path, got, c.want)
		}
	}
	if root, _, _ := schemaFor("aws_db_instance"); !root.Child("arn").ComputedOnly() || root.Child("storage_encrypted").ComputedOnly() {
		t.Error("aws_db_instance: arn is computed-only, storage_encrypted is not")
	}
	ps, err := ProviderSchemas()
	if err != nil {
		t.Fatal(err)
	}
	// The resource classes (extending TerraformResource) in each package's lib/.
	want := map[string]struct {
		version string
		types   int
	}{
		"hashicorp/aws": {"6.25.0", 1581}, "hashicorp/azurerm": {"4.55.0", 1127},
		"hashicorp/google": {"6.50.0", 1096}, "hashicorp/azuread": {"3.7.0", 54},
	}
	for _, p := range ps {
		w := want[p.Provider]
		if w.version != p.Version || w.types != len(p.TypeNames()) {
			t.Errorf("%s: version %s with %d types, want %s with %d", p.Provider, p.Version, len(p.TypeNames()), w.version, w.types)
		}
		delete(want, p.Provider)
	}
	if len(want) > 0 {
		t.Errorf("missing providers %v", want)
	}
}

// Each kind of mistake a table can make is found.
func TestCheckSchemaFindsMistakes(t *testing.T) {
	mp := func(id, attr, read string) Mapping {
		return Mapping{ID: id, Control: "encryption.at_rest", Attribute: attr, Read: read, Message: "m", Remediation: "r"}
	}
	withDefault := mp("default_type", "storage_encrypted", "bool")
	withDefault.Default = "true"
	withWhen := mp("when_missing", "storage_encrypted", "bool")
	withWhen.When = &Condition{Attribute: "engin", Values: []string{"mysql"}}
	withWhenList := mp("when_list", "storage_encrypted", "bool")
	withWhenList.When = &Condition{Attribute: "vpc_security_group_ids", Values: []string{"x"}}
	withUses := mp("uses_missing", "", "firewall")
	withUses.Uses = []string{"engine", "ingres"}
	withPeriod := mp("period_type", "storage_encrypted", "rotation_days")
	withPeriod.PeriodAttribute = "engine"
	computedDefault := mp("computed_default", "arn", "present")
	computedDefault.Default = "x"
	tb := Table{Cloud: "aws", Provider: "hashicorp/aws", Resources: []Resource{
		{Type: "aws_db_instanc"},
		{Type: "google_storage_bucket"},
		{Type: "aws_db_instance", Mappings: []Mapping{
			mp("missing", "storage_encryption", "bool"),
			mp("wrong_type", "engine", "bool"),
			mp("index_scalar", "engine[0]", "equals"),
			mp("list_unindexed", "blue_green_update.enabled", "bool"),
			mp("scalar_child", "engine.name", "equals"),
			withDefault, withWhen, withWhenList, withUses, withPeriod, computedDefault,
			mp("ok", "blue_green_update[0].enabled", "bool"),
		}},
	}}
	got := strings.Join(CheckSchema(tb), "\n")
	for _, want := range []string{
		`aws_db_instanc: no such resource type in the providers' schemas; did you mean "aws_db_instance"`,
		`google_storage_bucket: a hashicorp/google type in the hashicorp/aws table`,
		`aws_db_instance.missing: attribute storage_encryption: "storage_encryption" does not exist; did you mean "storage_encrypted"`,
		`aws_db_instance.wrong_type: reader "bool" reads bool, but engine is string`,
		`aws_db_instance.index_scalar: attribute engine[0]: engine (string) is not a list`,
		`aws_db_instance.list_unindexed: attribute blue_green_update.enabled: blue_green_update is a list of blocks: index it`,
		`aws_db_instance.scalar_child: attribute engine.name: engine is string and has no attribute "name"`,
		`aws_db_instance.default_type: default a string does not fit storage_encrypted, which is bool`,
		`aws_db_instance.when_missing: when.attribute engin: "engin" does not exist`,
		`aws_db_instance.when_list: when.attribute vpc_security_group_ids is set(string), not one value`,
		`aws_db_instance.uses_missing: uses "ingres": aws_db_instance has no such attribute`,
		`aws_db_instance.period_type: period_attribute engine is string, not a number`,
		`aws_db_instance.computed_default: arn is computed by the provider`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing problem %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "aws_db_instance.ok") || strings.Contains(got, `uses "engine"`) {
		t.Errorf("a correct mapping was reported:\n%s", got)
	}
}

// Every type of the digest parses.
func TestSchemaDigestParses(t *testing.T) {
	ps, err := ProviderSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for _, name := range p.TypeNames() {
			if a, ok := p.Type(name); !ok || len(a.Attrs) == 0 {
				t.Errorf("%s: %s does not parse", p.Provider, name)
			}
		}
	}
}

func BenchmarkLoadSchemaDigest(b *testing.B) {
	for _, name := range []string{"aws", "azurerm", "azuread", "google"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := loadDigest("schemas/" + name + ".txt.gz"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Every digest file is one of digestFiles, so no provider's types are left
// unreachable.
func TestEveryDigestIsLoaded(t *testing.T) {
	entries, err := schemaFS.ReadDir("schemas")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ProviderSchemas()
	if err != nil || len(ps) != len(entries) {
		t.Fatalf("%d digests loaded of %d files: %v", len(ps), len(entries), err)
	}
	for _, p := range ps {
		for _, typ := range p.TypeNames() {
			if digestOf(typ) != p {
				t.Fatalf("%s: found through the wrong digest", typ)
			}
		}
	}
}

// shapeProblems lists where a value does not have the shape and type the
// schema gives: the cases must feed what Terraform hands over.
func shapeProblems(path string, a *Attr, v any) []string {
	if v == nil || IsUnknown(v) {
		return nil
	}
	bad := func() []string { return []string{fmt.Sprintf("%s: %s is %s", path, kind(v), a.Type)} }
	objectAttrs := func(parent *Attr, v any, path string) []string {
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %s, not an object", path, kind(v))}
		}
		var out []string
		for k, x := range m {
			c := parent.Child(k)
			if c == nil {
				out = append(out, fmt.Sprintf("%s: no attribute %q", path, k))
				continue
			}
			out = append(out, shapeProblems(joinPath(path, k), c, x)...)
		}
		return out
	}
	switch t := a.Type; {
	case a.object(), t == "resource":
		return objectAttrs(a, v, path)
	case a.objectList():
		list, ok := v.([]any)
		if !ok {
			return bad()
		}
		var out []string
		for i, el := range list {
			out = append(out, objectAttrs(a, el, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case t == "string":
		if _, ok := v.(string); !ok {
			return bad()
		}
	case t == "number":
		if _, ok := v.(float64); !ok {
			return bad()
		}
	case t == "bool":
		if _, ok := v.(bool); !ok {
			return bad()
		}
	case strings.HasPrefix(t, "list(") || strings.HasPrefix(t, "set("):
		list, ok := v.([]any)
		if !ok {
			return bad()
		}
		inner := &Attr{Type: t[strings.Index(t, "(")+1 : len(t)-1]}
		var out []string
		for i, el := range list {
			out = append(out, shapeProblems(fmt.Sprintf("%s[%d]", path, i), inner, el)...)
		}
		return out
	case strings.HasPrefix(t, "map("):
		if _, ok := v.(map[string]any); !ok {
			return bad()
		}
	}
	return nil
}

// Every mapping case - whoever adds it - feeds the resource in the shape
// and with the value types of the provider's real schema (ElastiCache's
// at_rest_encryption_enabled as a string, a block as a list of objects).
func TestCasesUseRealShapes(t *testing.T) {
	n := 0
	for cloud, cases := range casesByCloud {
		for _, c := range cases {
			n++
			root, _, ok := schemaFor(c.Type)
			if !ok {
				t.Errorf("%s/%s/%s: type not in the schema digest", cloud, c.Type, c.Name)
				continue
			}
			for _, p := range shapeProblems(c.Type, root, c.Obj) {
				t.Errorf("%s/%s: %s", cloud, c.Name, p)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d cases registered", n)
	}
}

func TestShapeProblemsFindsWrongTypes(t *testing.T) {
	for _, c := range []struct {
		typ  string
		obj  map[string]any
		want string
	}{
		{"aws_elasticache_replication_group", map[string]any{"at_rest_encryption_enabled": true}, "at_rest_encryption_enabled: a bool is string"},
		{"aws_db_instance", map[string]any{"storage_encrypted": "true"}, "storage_encrypted: a string is bool"},
		{"aws_db_instance", map[string]any{"blue_green_update": map[string]any{"enabled": true}}, "blue_green_update: an object is block_list"},
		{"aws_security_group", map[string]any{"ingress": []any{map[string]any{"from_port": "22"}}}, "ingress[0].from_port: a string is number"},
		{"aws_db_instance", map[string]any{"storage_encryptd": true}, `no attribute "storage_encryptd"`},
	} {
		root, _, _ := schemaFor(c.typ)
		if got := strings.Join(shapeProblems(c.typ, root, c.obj), "; "); !strings.Contains(got, c.want) {
			t.Errorf("%s %v: %q, want %q", c.typ, c.obj, got, c.want)
		}
	}
}
