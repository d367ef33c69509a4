package finding

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var full = Finding{
	ID: "aws_db_instance.storage_not_encrypted", Control: "encryption.at_rest", Domain: "data_protection",
	Owner: "shared", Severity: "high", Status: StatusWaived, Message: "m", Remediation: "r",
	References: []string{"NIST SP 800-53 Rev. 5 SC-28"}, Resource: "aws_db_instance.orders", Attribute: "storage_encrypted",
	Exception: &Exception{Justification: "j", ApprovedBy: "a", Expires: "2026-12-31"},
}

// Every field reads back what it writes, through the generic tree a
// Terraform value converts into, so a finding survives srm_workload ->
// srm_report unchanged.
func TestFieldsRoundTrip(t *testing.T) {
	var got Finding
	for _, f := range Fields {
		v := f.Get(full)
		var generic any
		switch t := v.(type) {
		case []string:
			list := make([]any, len(t))
			for i, s := range t {
				list[i] = s
			}
			generic = list
		case map[string]string:
			obj := map[string]any{}
			for k, s := range t {
				obj[k] = s
			}
			generic = obj
		default:
			generic = v
		}
		if err := f.Set(&got, generic); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	if !reflect.DeepEqual(got, full) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, full)
	}
}

// The table covers every field of Finding, once, and every field documents
// itself in both places it appears.
func TestFieldsCoverTheStruct(t *testing.T) {
	names := Names(Fields)
	if len(names) != reflect.TypeOf(Finding{}).NumField() {
		t.Errorf("Fields has %d entries, Finding %d fields", len(names), reflect.TypeOf(Finding{}).NumField())
	}
	for i, n := range names {
		if slices.Index(names, n) != i {
			t.Errorf("%s is listed twice", n)
		}
	}
	for _, f := range Fields {
		if f.Description == "" || f.Input == "" || f.Get == nil || f.Set == nil || f.Shapes == 0 {
			t.Errorf("%s is incomplete", f.Name)
		}
		if f.Values != nil && len(f.Values(model.Default())) == 0 {
			t.Errorf("%s has an empty list of values", f.Name)
		}
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		s    Shape
		want []string
	}{
		{ShapeDetector, []string{"id", "severity", "message", "remediation", "references"}},
		{ShapeResource, []string{"id", "control", "domain", "owner", "severity", "status", "message", "remediation", "references", "attribute"}},
		{ShapeWorkload, Names(Fields)},
	} {
		if got := Names(FieldsOf(tc.s)); !slices.Equal(got, tc.want) {
			t.Errorf("shape %d: %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestNullableFields(t *testing.T) {
	declared := Finding{Control: "x"}
	for _, f := range Fields {
		v := f.Get(declared)
		switch f.Name {
		case "resource", "attribute", "exception":
			if v != nil {
				t.Errorf("%s of a declared finding is %v, want null", f.Name, v)
			}
		case "references":
			if refs, ok := v.([]string); !ok || len(refs) != 0 {
				t.Errorf("references of a finding without any is %v, want an empty list", v)
			}
		}
	}
}

func TestSetRejectsWrongTypes(t *testing.T) {
	var f Finding
	for _, fd := range Fields {
		if err := fd.Set(&f, 1.0); err == nil {
			t.Errorf("%s accepted a number", fd.Name)
		}
	}
}

func TestRedact(t *testing.T) {
	secret := "AKIAABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for _, got := range []string{Redact(secret), RedactValue(secret), RedactValue([]any{secret})} {
		for i := 0; i+MaxShown < len(secret); i++ {
			if strings.Contains(got, secret[i:i+MaxShown+1]) {
				t.Errorf("%q shows more than %d characters of the secret", got, MaxShown)
			}
		}
	}
	if Redact("yes") != `"yes"` || RedactValue(true) != "true" || RedactValue(nil) != "null" {
		t.Error("short values are shown as they are")
	}
}

// A computed finding keeps at most four characters of an exception's texts,
// which a sensitive variable may hold; the expiry, a validated date, stays.
func TestWithoutUserTextClipsExceptionTexts(t *testing.T) {
	f := Finding{Control: "backup.enabled", Exception: &Exception{
		Justification: "ghp_7Kq2XfT9mLpR4sWz8YbN3cVd6Hj1Ue5Aa0Gi", ApprovedBy: "sec", Expires: "2099-12-31"}}
	got := f.WithoutUserText()
	if got.Exception.Justification != "ghp_…" || got.Exception.ApprovedBy != "sec" || got.Exception.Expires != "2099-12-31" {
		t.Errorf("clipped exception: %+v", *got.Exception)
	}
	if f.Exception.Justification == got.Exception.Justification {
		t.Error("the original finding was changed")
	}
	if Clip("Stateless — rebuilt") != "Stat…" || Clip("épée") != "épée" {
		t.Errorf("Clip counts characters: %q %q", Clip("Stateless — rebuilt"), Clip("épée"))
	}
}
