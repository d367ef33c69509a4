package evidence

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Cases for data/google_iam.json, generated from the table: every
// google_<family>_iam_member, _iam_binding and _iam_policy row gets, per
// mapping, a violating, a passing, an unset and an unknown case in the
// provider's shape (member a string, members a set of strings, policy_data
// the JSON of data.google_iam_policy, condition an empty block list, etag
// and id computed), each judged through the engine.

const (
	gIAMNamedMember = "group:order-readers@example.com"
	gIAMNamedRole   = "roles/pubsub.viewer"
)

// gIAMShape is member, binding or policy, from the type name.
func gIAMShape(typ string) string {
	_, shape, _ := strings.Cut(typ[strings.LastIndex(typ, "_iam_")+1:], "_")
	return shape
}

// gIAMPolicy renders a policy_data document with one binding.
func gIAMPolicy(role string, members ...string) string {
	doc := map[string]any{"bindings": []any{map[string]any{"role": role, "members": members}}}
	b, _ := json.Marshal(doc)
	return string(b)
}

// gIAMObject is a grant of role to member in the type's shape.
func gIAMObject(typ, role, member string) gObj {
	obj := gObj{"id": Unknown, "etag": Unknown}
	switch gIAMShape(typ) {
	case "member":
		obj["role"], obj["member"], obj["condition"] = role, member, gList()
	case "binding":
		obj["role"], obj["members"], obj["condition"] = role, gList("user:jane@example.com", member), gList()
	case "policy":
		obj["policy_data"] = gIAMPolicy(role, "user:jane@example.com", member)
	}
	return obj
}

// gIAMViolating is the principal or role a mapping flags, in the form a
// real grant has ("*-compute@..." becomes a whole service account).
func gIAMViolating(v string) string {
	if suffix, ok := strings.CutPrefix(v, "*"); ok {
		return "serviceAccount:123456789012" + suffix
	}
	return v
}

func gIAMCases() []mappingCase {
	var out []mappingCase
	for _, t := range testEngine.Tables() {
		for _, r := range t.Resources {
			if !strings.Contains(r.Type, "_iam_") {
				continue
			}
			iam := true
			for _, mp := range r.Mappings {
				iam = iam && (mp.Read == "iam_members" || mp.Read == "iam_roles")
			}
			if !iam {
				continue
			}
			out = append(out, mappingCase{Type: r.Type, Name: "named member, predefined role", Obj: gIAMObject(r.Type, gIAMNamedRole, gIAMNamedMember)})
			for _, mp := range r.Mappings {
				check := r.Type + "." + mp.ID
				for _, v := range mp.Values {
					obj := gIAMObject(r.Type, gIAMNamedRole, gIAMViolating(v))
					if mp.Read == "iam_roles" {
						obj = gIAMObject(r.Type, v, gIAMNamedMember)
					}
					out = append(out, mappingCase{Type: r.Type, Name: mp.ID + " " + v, Obj: obj,
						Want: map[string]string{check: gViolated}, Attr: map[string]string{check: mp.Attribute}})
				}
				unset, unknown := gWith(gIAMObject(r.Type, gIAMNamedRole, gIAMNamedMember)), gIAMObject(r.Type, gIAMNamedRole, gIAMNamedMember)
				unset[mp.Attribute], unknown[mp.Attribute] = nil, Unknown
				deferred := map[string]string{}
				for _, other := range r.Mappings {
					if other.Attribute == mp.Attribute {
						deferred[r.Type+"."+other.ID] = gDeferred
					}
				}
				out = append(out,
					mappingCase{Type: r.Type, Name: mp.Attribute + " unset says nothing (required, no default)", Obj: unset},
					mappingCase{Type: r.Type, Name: mp.Attribute + " unknown at plan defers", Obj: unknown, Want: deferred})
			}
			if gIAMShape(r.Type) == "binding" {
				obj := gIAMObject(r.Type, gIAMNamedRole, gIAMNamedMember)
				obj["members"] = gList(gIAMNamedMember, Unknown)
				want := map[string]string{}
				for _, mp := range r.Mappings {
					if mp.Attribute == "members" {
						want[r.Type+"."+mp.ID] = gDeferred
					}
				}
				out = append(out, mappingCase{Type: r.Type, Name: "one member unknown defers", Obj: obj, Want: want})
			}
		}
	}
	return out
}

func init() {
	casesByCloud["google-iam"] = gIAMCases()
}

// Every IAM type of the table is covered by the generated cases, and the
// public grant is judged by the control its family says.
func TestGoogleIAMTypes(t *testing.T) {
	n := 0
	for _, c := range casesByCloud["google-iam"] {
		if c.Name == "named member, predefined role" {
			n++
		}
	}
	if n < 320 {
		t.Errorf("%d IAM types generated cases, want every *_iam_member/_binding/_policy of the table (over 320)", n)
	}
	for typ, want := range map[string]string{
		"google_storage_bucket_iam_policy":    "storage.public_access",
		"google_bigquery_dataset_iam_member":  "storage.public_access",
		"google_pubsub_topic_iam_binding":     "identity.least_privilege",
		"google_cloud_run_service_iam_member": "identity.least_privilege",
		"google_kms_crypto_key_iam_policy":    "identity.least_privilege",
	} {
		r, ok := testEngine.Resource(typ)
		if !ok || r.Mappings[0].Control != want {
			t.Errorf("%s: public_member control, want %s", typ, want)
		}
	}
}

func TestIAMReaders(t *testing.T) {
	public := Mapping{Attribute: "policy_data", Read: "iam_members", Values: []string{"allUsers", "*@appspot.gserviceaccount.com"}}
	roles := Mapping{Attribute: "policy_data", Read: "iam_roles", Values: []string{"roles/owner"}}
	tests := []struct {
		name    string
		mp      Mapping
		v       any
		want    bool
		wantErr string
	}{
		{"member", public, "allUsers", true, ""},
		{"member case folded", public, "ALLUSERS", true, ""},
		{"suffix", public, "serviceAccount:acme-prod@appspot.gserviceaccount.com", true, ""},
		{"suffix alone is no principal", public, "@appspot.gserviceaccount.com", false, ""},
		{"named member", public, "user:jane@example.com", false, ""},
		{"members", public, []any{"user:jane@example.com", "allUsers"}, true, ""},
		{"policy", public, gIAMPolicy("roles/viewer", "allUsers"), true, ""},
		{"policy with audit configs and no public member", public, `{"auditConfigs":[{"service":"allServices"}],"bindings":[{"role":"roles/viewer","members":["group:g@example.com"]}]}`, false, ""},
		{"empty policy", public, `{}`, false, ""},
		{"role", roles, "roles/owner", true, ""},
		{"role in policy", roles, gIAMPolicy("roles/owner", "group:g@example.com"), true, ""},
		{"other role in policy", roles, gIAMPolicy("roles/editor", "group:g@example.com"), false, ""},
		{"broken policy", public, `{"bindings": [`, false, "policy_data: is not an IAM policy document"},
		{"member list of numbers", public, []any{1.0}, false, "must be a list of strings"},
		{"object", public, map[string]any{"a": "b"}, false, "must be a string, a list of strings or a policy document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, shown, err := readers[tt.mp.Read].read(tt.mp, tt.v, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.State != policy.Known || got.Bool != tt.want {
				t.Fatalf("got %+v, %v; want %v", got, err, tt.want)
			}
			if s, ok := tt.v.(string); ok && len(s) > 4 && strings.Contains(shown, s) && !strings.Contains(strings.Join(tt.mp.Values, " "), s) {
				t.Errorf("shown %q echoes the value", shown)
			}
		})
	}
	negated := public
	negated.Negate = true
	if got, _, _ := readers["iam_members"].read(negated, "allUsers", nil); got.Bool {
		t.Error("negate: a public grant must read false (not least privilege)")
	}
}

// The schema check holds the IAM readers to what they read: iam_members a
// member or policy_data (strings) or members (a set of strings), iam_roles
// a role (a string); a block or a set of roles is a mistake.
func TestIAMReadersSchemaInputs(t *testing.T) {
	mp := func(id, attr, read string) Mapping {
		return Mapping{ID: id, Control: "storage.public_access", Attribute: attr, Read: read, Values: []string{"allUsers"}, Message: "m", Remediation: "r"}
	}
	tb := Table{Cloud: "google", Provider: "hashicorp/google", Resources: []Resource{
		{Type: "google_storage_bucket_iam_binding", Mappings: []Mapping{
			mp("members_ok", "members", "iam_members"),
			mp("role_ok", "role", "iam_roles"),
			mp("roles_of_members", "members", "iam_roles"),
			mp("members_of_block", "condition", "iam_members"),
		}},
		{Type: "google_storage_bucket_iam_policy", Mappings: []Mapping{
			mp("policy_ok", "policy_data", "iam_members"),
		}},
	}}
	got := strings.Join(CheckSchema(tb), "\n")
	for _, want := range []string{
		`google_storage_bucket_iam_binding.roles_of_members: reader "iam_roles" reads string, but members is set(string)`,
		`google_storage_bucket_iam_binding.members_of_block: reader "iam_members" reads string or set(string) or list(string), but condition is list(object)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing problem %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "_ok") {
		t.Errorf("a correct mapping was reported:\n%s", got)
	}
}
