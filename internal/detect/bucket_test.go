package detect

import (
	"slices"
	"strings"
	"testing"
)

func TestBucketPolicyFindings(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		want   []string
	}{
		{"public website read (jsonencode)", `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Principal":"*","Resource":"arn:aws:s3:::site/*","Sid":"PublicRead"}],"Version":"2012-10-17"}`,
			[]string{"bucket.public_read@0/high"}},
		{"public read via AWS * (heredoc)", `
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "*"},
    "Action": ["s3:ListBucket"],
    "Resource": "arn:aws:s3:::data"
  }
}`, []string{"bucket.public_read@0/high"}},
		{"public write", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:PutObject"],"Resource":"arn:aws:s3:::drop/*"}]}`,
			[]string{"bucket.public_write@0/critical"}},
		{"s3:* is read and write", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}]}`,
			[]string{"bucket.public_read@0/high", "bucket.public_write@0/critical"}},
		{"* action", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`,
			[]string{"bucket.public_read@0/high", "bucket.public_write@0/critical"}},
		{"wildcard families", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:Get*"],"Resource":"*"},{"Effect":"Allow","Principal":"*","Action":["s3:Delete*"],"Resource":"*"}]}`,
			[]string{"bucket.public_read@0/high", "bucket.public_write@1/critical"}},
		{"NotPrincipal allow is public", `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"*"}]}`,
			[]string{"bucket.public_read@0/high"}},
		{"NotAction allow leaves reads and writes", `{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"s3:DeleteBucket","Resource":"*"}]}`,
			[]string{"bucket.public_read@0/high", "bucket.public_write@0/critical"}},
		{"SecureTransport alone does not restrict", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`,
			[]string{"bucket.public_read@0/high"}},
		{"SourceIp 0.0.0.0/0 does not restrict", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/0"]}}}]}`,
			[]string{"bucket.public_read@0/high"}},
		{"IfExists and negated operators do not restrict", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"},"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`,
			[]string{"bucket.public_read@0/high"}},
		{"restricted by vpc endpoint", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}`, nil},
		{"restricted by org id", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}}]}`, nil},
		{"restricted by source ip", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}}]}`, nil},
		{"service principal (CloudFront OAC) is fine", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudfront::123456789012:distribution/E1"}}}]}`, nil},
		{"named account is fine", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"s3:*","Resource":"*"}]}`, nil},
		{"deny-insecure-transport pattern is fine", `{"Statement":[{"Sid":"DenyHTTP","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, nil},
		{"public non-read/write action is fine", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:RestoreObject","Resource":"*"}]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BucketPolicyFindings(tt.policy)
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if k := keys(got); !slices.Equal(k, tt.want) {
				t.Errorf("got %v, want %v", k, tt.want)
			}
			checkFindingShape(t, got)
		})
	}
}

func TestBucketPolicyFindingsErrors(t *testing.T) {
	for policy, want := range map[string]string{
		"":                                     "policy is empty",
		`{"Statement":[`:                       "policy is not valid JSON",
		`{"Statement":[{"Effect":"Allow"},3]}`: "statement 1 is not an object",
		`null`:                                 "policy is null",
	} {
		if _, err := BucketPolicyFindings(policy); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", policy, err, want)
		}
	}
}

func TestBucketACLFindings(t *testing.T) {
	tests := []struct{ acl, want string }{
		{"public-read", "bucket.public_acl/high"},
		{"PUBLIC-READ-WRITE", "bucket.public_acl/critical"},
		{" authenticated-read ", "bucket.public_acl/high"},
		{"private", ""}, {"", ""}, {"bucket-owner-full-control", ""}, {"log-delivery-write", ""},
		{"aws-exec-read", ""}, {"bucket-owner-read", ""}, {"something-else", ""},
	}
	for _, tt := range tests {
		got := BucketACLFindings(tt.acl)
		var k string
		if len(got) == 1 {
			k = got[0].ID + "/" + got[0].Severity
			if got[0].Index != -1 || got[0].Line != 0 {
				t.Errorf("%q: index %d line %d", tt.acl, got[0].Index, got[0].Line)
			}
		}
		if k != tt.want || len(got) > 1 {
			t.Errorf("BucketACLFindings(%q) = %v, want %q", tt.acl, keys(got), tt.want)
		}
	}
}

func TestBlockPublicAccessFindings(t *testing.T) {
	if got := BlockPublicAccessFindings(nil); got != nil {
		t.Errorf("nil settings: %v", got)
	}
	allOn := map[string]bool{"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}
	if got := BlockPublicAccessFindings(allOn); got != nil {
		t.Errorf("all on: %v", got)
	}
	got := BlockPublicAccessFindings(map[string]bool{"restrict_public_buckets": false, "block_public_acls": true, "block_public_policy": false, "unrelated": false})
	if len(got) != 1 || got[0].ID != "bucket.public_access_block_disabled" || got[0].Severity != SeverityHigh {
		t.Fatalf("got %+v", got)
	}
	if want := "block_public_policy (rejects bucket policies that grant public access), restrict_public_buckets ("; !strings.Contains(got[0].Message, want) {
		t.Errorf("message %q lacks %q", got[0].Message, want)
	}
}

func FuzzBucketPolicyFindings(f *testing.F) {
	for _, s := range []string{
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`,
		`{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"x"},"NotAction":["s3:Get*","s3:Put*"],"Resource":"*"}}`,
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/1",""]}}}]}`,
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Condition":{"ForAnyValue:StringEquals":{"aws:SourceVpce":[]}}}]}`,
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Condition":"weird"}]}`,
		"", "{}", "[", `{"Statement":[1]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := BucketPolicyFindings(s)
		if err != nil {
			if got != nil {
				t.Fatalf("error %v with findings", err)
			}
			return
		}
		checkFindingShape(t, got)
		for _, f := range got {
			if f.ID != "bucket.public_read" && f.ID != "bucket.public_write" && f.ID != "bucket.more_findings" {
				t.Fatalf("unexpected id %s", f.ID)
			}
		}
	})
}
