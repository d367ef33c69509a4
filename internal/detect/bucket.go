package detect

import (
	"fmt"
	"strings"
)

// Representative S3 actions for the two families. A policy action pattern
// grants the family when it matches one of these or starts with the
// family's prefix ("s3:Get*", "s3:GetObjectTagging").
var (
	s3ReadActions = []string{"s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:GetBucketAcl",
		"s3:GetBucketPolicy", "s3:ListBucket", "s3:ListBucketVersions", "s3:ListMultipartUploadParts"}
	s3WriteActions = []string{"s3:PutObject", "s3:PutObjectAcl", "s3:PutBucketAcl", "s3:PutBucketPolicy",
		"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:DeleteBucket", "s3:DeleteBucketPolicy"}
	s3ReadPrefixes  = []string{"s3:get", "s3:list"}
	s3WritePrefixes = []string{"s3:put", "s3:delete"}
)

// restrictingConditionKeys narrow who can use a statement. aws:SecureTransport
// and similar keys only shape how a request arrives, not who sends it.
var restrictingConditionKeys = []string{
	"aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:principalorgid", "aws:principalorgpaths",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:principalaccount", "aws:principalarn",
}

// BucketPolicyFindings flags S3 bucket policy statements that let a public
// principal read ("bucket.public_read", high) or write or delete
// ("bucket.public_write", critical) without a Condition that restricts who
// may call. Index is the statement index.
func BucketPolicyFindings(policyJSON string) ([]Finding, error) {
	stmts, err := parsePolicy(policyJSON)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, s := range stmts {
		out = append(out, bucketStatementFindings(s)...)
	}
	return out, nil
}

func bucketStatementFindings(s statement) []Finding {
	if !s.allow || restrictsCaller(s.condition) {
		return nil
	}
	who := s.principal.shown
	switch {
	case s.principal.public:
	case s.hasNotPrinc:
		who = "NotPrincipal, i.e. everyone not listed"
	default:
		return nil
	}
	var out []Finding
	fix := fmt.Sprintf("Grant %s only to named account or role ARNs, or add a Condition on aws:SourceVpce, aws:SourceIp or aws:PrincipalOrgID, and keep S3 Block Public Access on.", s.label())
	if via := grantedFamily(s, s3ReadActions, s3ReadPrefixes); via != "" {
		out = append(out, Finding{
			ID: "bucket.public_read", Severity: SeverityHigh,
			Message:     fmt.Sprintf("%s lets anyone (%s) read the bucket (%s) without a Condition restricting the caller.", s.label(), who, via),
			Remediation: fix, References: refs(refNISTAC6, refNISTSC7, refISOAccess), Index: s.index,
		})
	}
	if via := grantedFamily(s, s3WriteActions, s3WritePrefixes); via != "" {
		out = append(out, Finding{
			ID: "bucket.public_write", Severity: SeverityCritical,
			Message:     fmt.Sprintf("%s lets anyone (%s) write or delete in the bucket (%s) without a Condition restricting the caller.", s.label(), who, via),
			Remediation: fix, References: refs(refNISTAC6, refNISTSC7, refISOAccess), Index: s.index,
		})
	}
	return out
}

// grantedFamily reports how the statement grants an action family: the
// matching Action patterns, or "via NotAction" when NotAction leaves at
// least one family member allowed. "" means the family is not granted.
func grantedFamily(s statement, family, prefixes []string) string {
	if s.hasNotAction {
		for _, a := range family {
			if len(matchingPatterns(s.notActions, a)) == 0 {
				return "via NotAction"
			}
		}
		return ""
	}
	var via []string
	for _, p := range s.actions {
		if familyMatch(p, family, prefixes) {
			via = append(via, p)
		}
	}
	if len(via) == 0 {
		return ""
	}
	if len(via) > 4 {
		via = append(via[:4], "…")
	}
	return strings.Join(via, ", ")
}

func familyMatch(pattern string, family, prefixes []string) bool {
	lp := strings.ToLower(pattern)
	for _, pre := range prefixes {
		if strings.HasPrefix(lp, pre) {
			return true
		}
	}
	for _, a := range family {
		if globMatchFold(pattern, a) {
			return true
		}
	}
	return false
}

// restrictsCaller reports whether a Condition narrows who may use the
// statement. Operators that pass when the key is absent or negated
// (…IfExists, Not…, Null, ForAllValues:…) do not restrict anonymous
// callers, and a source IP condition that admits the whole Internet does
// not restrict anything.
func restrictsCaller(cond any) bool {
	ops, ok := cond.(map[string]any)
	if !ok {
		return false
	}
	for op, body := range ops {
		if !restrictingOperator(op) {
			continue
		}
		keys, ok := body.(map[string]any)
		if !ok {
			continue
		}
		for key, val := range keys {
			if isRestrictingKey(key) && restrictingValues(key, val) {
				return true
			}
		}
	}
	return false
}

func restrictingOperator(op string) bool {
	l := strings.ToLower(strings.TrimSpace(op))
	if strings.HasPrefix(l, "forallvalues:") {
		return false
	}
	l = strings.TrimPrefix(l, "foranyvalue:")
	return !strings.HasPrefix(l, "not") && !strings.HasSuffix(l, "ifexists") && l != "null" &&
		!strings.HasPrefix(l, "stringnot") && !strings.HasPrefix(l, "arnnot")
}

func isRestrictingKey(key string) bool {
	k := strings.ToLower(strings.TrimSpace(key))
	for _, r := range restrictingConditionKeys {
		if k == r {
			return true
		}
	}
	return false
}

func restrictingValues(key string, val any) bool {
	vals, err := policyStrings(val)
	if err != nil || len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		if v == "*" || v == "" {
			return false
		}
		if strings.EqualFold(key, "aws:SourceIp") && isWorldOpen(v) {
			return false
		}
	}
	return true
}

// BucketACLFindings flags canned ACLs that grant access beyond the owner:
// "public-read" and "authenticated-read" (high), "public-read-write"
// (critical). Other ACLs, including "", give no finding.
func BucketACLFindings(acl string) []Finding {
	var sev, what string
	switch strings.ToLower(strings.TrimSpace(acl)) {
	case "public-read":
		sev, what = SeverityHigh, "lets anyone on the Internet list and read objects"
	case "public-read-write":
		sev, what = SeverityCritical, "lets anyone on the Internet read, write and delete objects"
	case "authenticated-read":
		sev, what = SeverityHigh, "lets any AWS account, not just yours, read objects"
	default:
		return nil
	}
	return []Finding{{
		ID: "bucket.public_acl", Severity: sev,
		Message:     fmt.Sprintf("Bucket ACL %q %s.", strings.ToLower(strings.TrimSpace(acl)), what),
		Remediation: "Use the \"private\" ACL (or disable ACLs with BucketOwnerEnforced object ownership) and grant access through IAM or bucket policies.",
		References:  refs(refNISTAC6, refNISTSC7, refISOAccess),
		Index:       -1,
	}}
}

var blockPublicAccessKeys = []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}

// BlockPublicAccessFindings reports, as one finding, the S3 Block Public
// Access settings that are present and false, in the documented key order.
// Absent keys are not reported: the caller decides what a missing block means.
func BlockPublicAccessFindings(settings map[string]bool) []Finding {
	var off []string
	for _, k := range blockPublicAccessKeys {
		if v, ok := settings[k]; ok && !v {
			off = append(off, k)
		}
	}
	if len(off) == 0 {
		return nil
	}
	return []Finding{{
		ID: "bucket.public_access_block_disabled", Severity: SeverityHigh,
		Message:     fmt.Sprintf("S3 Block Public Access has %s turned off.", strings.Join(off, ", ")),
		Remediation: "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true unless the bucket must serve the public.",
		References:  refs(refNISTAC6, refNISTSC7),
		Index:       -1,
	}}
}
