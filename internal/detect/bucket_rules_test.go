package detect

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// conditionSamples sits beside restrictingKeys: for each restricting key,
// values that name something specific (the condition restricts) and values
// that match everyone (it does not). A test fails when a key lacks samples.
var conditionSamples = map[string]struct {
	operator           string
	specific, everyone []string
}{
	"aws:sourcevpce":           {"StringEquals", []string{"vpce-1a2b3c4d"}, []string{"*", "vpce-*", "vpce-"}},
	"aws:sourcevpc":            {"StringEquals", []string{"vpc-0a1b2c3d4e5f"}, []string{"*", "vpc-*"}},
	"aws:vpceaccount":          {"StringEquals", []string{"123456789012"}, []string{"*", "1234567890*"}},
	"aws:vpceorgid":            {"StringEquals", []string{"o-a1b2c3d4e5"}, []string{"*", "o-*", "o-"}},
	"aws:vpceorgpaths":         {"ForAnyValue:StringLike", []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}, []string{"*", "o-*/*"}},
	"aws:ec2instancesourcevpc": {"StringEquals", []string{"vpc-0a1b2c3d4e5f"}, []string{"*", "vpc-*"}},
	"aws:sourceowner":          {"StringEquals", []string{"123456789012"}, []string{"*", "12345678901?"}},
	"aws:principalaccount":     {"StringEquals", []string{"123456789012"}, []string{"*", "?"}},
	"aws:sourceaccount":        {"StringEquals", []string{"123456789012"}, []string{"*"}},
	"aws:principalorgid":       {"StringEquals", []string{"o-a1b2c3d4e5"}, []string{"*", "o-*"}},
	"aws:sourceorgid":          {"StringEquals", []string{"o-a1b2c3d4e5"}, []string{"o-*"}},
	"aws:principalorgpaths":    {"ForAnyValue:StringLike", []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}, []string{"*", "o-*/*"}},
	"aws:sourceorgpaths":       {"ForAnyValue:StringLike", []string{"o-a1b2c3d4e5/*"}, []string{"*/*"}},
	"aws:principalarn":         {"ArnLike", []string{"arn:aws:iam::123456789012:role/app-*"}, []string{"arn:aws:iam::*:root", "arn:aws:iam::*:*", "*"}},
	"aws:sourcearn":            {"ArnEquals", []string{"arn:aws:cloudfront::123456789012:distribution/E1", "arn:aws:s3:::logs-bucket"}, []string{"arn:aws:s3:::*", "arn:aws:sns:*:*:topic"}},
	"aws:userid":               {"StringLike", []string{"AROAEXAMPLEID12345:*", "123456789012"}, []string{"*", "AROA*"}},
	"aws:sourceip":             {"IpAddress", []string{"203.0.113.0/24", "198.51.100.7"}, []string{"0.0.0.0/0", "0.0.0.0/1", "::/0"}},
}

func publicReadWith(condition string) string {
	return `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":` + condition + `}]}`
}

func conditionJSON(op, key string, values []string) string {
	v, _ := json.Marshal(values)
	return `{"` + op + `":{"` + key + `":` + string(v) + `}}`
}

func TestRestrictingConditionKeys(t *testing.T) {
	for _, rk := range restrictingKeys {
		s, ok := conditionSamples[rk.key]
		if !ok {
			t.Errorf("%s has no samples beside the table", rk.key)
			continue
		}
		for _, v := range s.specific {
			if got, _ := BucketPolicyFindings(publicReadWith(conditionJSON(s.operator, rk.key, []string{v}))); len(got) != 0 {
				t.Errorf("%s %s %q should restrict: %v", s.operator, rk.key, v, keys(got))
			}
		}
		for _, v := range s.everyone {
			// Alone, and next to a specific value: one value that matches
			// everyone opens the condition to everyone.
			for _, vals := range [][]string{{v}, {s.specific[0], v}} {
				if got, _ := BucketPolicyFindings(publicReadWith(conditionJSON(s.operator, rk.key, vals))); !slices.Equal(ids(got), []string{"bucket.public_read"}) {
					t.Errorf("%s %s %q matches everyone but restricts: %v", s.operator, rk.key, vals, keys(got))
				}
			}
		}
		// Negated and IfExists operators pass when the key is absent.
		for _, op := range []string{"StringNotEquals", s.operator + "IfExists", "Null"} {
			if got, _ := BucketPolicyFindings(publicReadWith(conditionJSON(op, rk.key, s.specific[:1]))); len(got) != 1 {
				t.Errorf("%s %s should not restrict: %v", op, rk.key, keys(got))
			}
		}
	}
	for key := range conditionSamples {
		if !slices.ContainsFunc(restrictingKeys, func(rk restrictingKey) bool { return rk.key == key }) {
			t.Errorf("samples for %s, which is not in restrictingKeys", key)
		}
	}
	// Keys that do not restrict the caller at all.
	for _, c := range []string{
		conditionJSON("StringEquals", "aws:username", []string{"alice"}),
		conditionJSON("Bool", "aws:SecureTransport", []string{"true"}),
		conditionJSON("StringEquals", "s3:x-amz-acl", []string{"bucket-owner-full-control"}),
		// The resource keys test the bucket, which is always the owner's.
		conditionJSON("StringEquals", "aws:ResourceAccount", []string{"123456789012"}),
		conditionJSON("StringEquals", "aws:ResourceOrgID", []string{"o-a1b2c3d4e5"}),
		conditionJSON("ForAnyValue:StringLike", "aws:ResourceOrgPaths", []string{"o-a1b2c3d4e5/*"}),
		// Private addresses repeat in every network.
		conditionJSON("IpAddress", "aws:Ec2InstanceSourcePrivateIPv4", []string{"10.0.0.5"}),
		// A service, any customer's: the confused-deputy case.
		conditionJSON("StringEquals", "aws:PrincipalServiceName", []string{"cloudfront.amazonaws.com"}),
		conditionJSON("Bool", "aws:PrincipalIsAWSService", []string{"true"}),
	} {
		if got, _ := BucketPolicyFindings(publicReadWith(c)); len(got) != 1 {
			t.Errorf("%s should not restrict: %v", c, keys(got))
		}
	}
}

// The condition keys are case-insensitive, as IAM reads them.
func TestRestrictingConditionKeyCase(t *testing.T) {
	if got, _ := BucketPolicyFindings(publicReadWith(conditionJSON("StringEquals", "AWS:SourceVpce", []string{"vpce-1a2b3c4d"}))); len(got) != 0 {
		t.Errorf("mixed-case key: %v", keys(got))
	}
}

// Deny statements that cover the public grant cancel it: for everyone, for
// everyone outside a VPC endpoint or organization, or for everyone but
// named principals. Deny statements that only shape the transport, or
// cover other actions or resources, do not.
func TestBucketDenyCancelsPublicGrant(t *testing.T) {
	allow := `{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`
	tests := []struct {
		name, deny string
		want       []string
	}{
		{"deny everyone", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`, nil},
		{"deny unless vpc endpoint", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`, nil},
		{"deny unless organization", `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"arn:aws:s3:::b*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`, nil},
		{"deny all but a role", `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/reader"},"Action":"s3:*","Resource":"*"}`, nil},
		{"deny insecure transport only", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, []string{"bucket.public_read@0/high"}},
		{"deny unless everyone", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotLike":{"aws:SourceVpce":"*"}}}`, []string{"bucket.public_read@0/high"}},
		{"deny other bucket", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::other/*"}`, []string{"bucket.public_read@0/high"}},
		{"deny one action of two", `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}`, []string{"bucket.public_read@0/high"}},
		{"deny for a named role only", `{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/x"},"Action":"s3:*","Resource":"*"}`, []string{"bucket.public_read@0/high"}},
	}
	for _, tt := range tests {
		got, err := BucketPolicyFindings(`{"Statement":[` + allow + `,` + tt.deny + `]}`)
		if err != nil {
			t.Fatal(err)
		}
		if k := keys(got); !slices.Equal(k, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, k, tt.want)
		}
	}
	// The message names what is still granted, from the detector's table.
	got, _ := BucketPolicyFindings(`{"Statement":[` + allow + `,{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`)
	if len(got) != 1 || !strings.Contains(got[0].Message, "(s3:ListBucket)") {
		t.Errorf("message %v", got)
	}
}

func TestPublicAccessBlockFindingsFromInput(t *testing.T) {
	allOn := map[string]any{"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": "true", "restrict_public_buckets": true,
		"bucket": "logs", "id": nil}
	if got, err := PublicAccessBlockFindingsFromInput(allOn); err != nil || len(got) != 0 {
		t.Errorf("all on: %v %v", got, err)
	}
	tests := []struct {
		in   map[string]any
		want []string // settings named as off
	}{
		{map[string]any{}, []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}},
		{map[string]any{"block_public_acls": true, "block_public_policy": nil, "ignore_public_acls": true, "restrict_public_buckets": "false"}, []string{"block_public_policy", "restrict_public_buckets"}},
	}
	for _, tt := range tests {
		got, err := PublicAccessBlockFindingsFromInput(tt.in)
		if err != nil || len(got) != 1 || got[0].ID != "bucket.public_access_block_disabled" {
			t.Fatalf("%v: %v %v", tt.in, got, err)
		}
		for _, st := range publicAccessBlockSettings {
			if on := !slices.Contains(tt.want, st.key); strings.Contains(got[0].Message, st.key+" (") == on {
				t.Errorf("%v: message %q and %s", tt.in, got[0].Message, st.key)
			}
		}
		checkFindingShape(t, got)
	}
	for in, want := range map[any]string{
		"on": "settings are a string",
		3.0:  "settings are a number",
		nil:  "settings are null",
	} {
		if _, err := PublicAccessBlockFindingsFromInput(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", in, err, want)
		}
	}
	if _, err := PublicAccessBlockFindingsFromInput(map[string]any{"block_public_acls": "yes"}); err == nil ||
		!strings.Contains(err.Error(), `block_public_acls is a string ("yes"), expected true or false`) {
		t.Errorf("bad value: %v", err)
	}
}
