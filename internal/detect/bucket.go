package detect

import (
	"fmt"
	"slices"
	"strings"
)

// restrictingKey is a condition key that narrows who may call, with the
// shape a value must have to name one specific caller, account, network or
// organization.
type restrictingKey struct {
	key      string // lower-case
	specific func(v string) bool
}

// restrictingKeys are the global condition keys that restrict the caller
// (AWS IAM User Guide, "AWS global condition context keys"). A condition on
// one of them restricts only when every value names something specific: a
// 12-digit account, an o- organization id, a vpc-/vpce- id, an ARN with a
// literal account, a user id, or a source range that is not world-open.
// aws:SourceArn and aws:SourceAccount are present only on requests a
// service makes on a customer's behalf, so for any other caller the
// condition fails and denies them; they restrict as well. aws:username does
// not: the same user name exists in every account. aws:SecureTransport and
// similar keys only shape how a request arrives, not who sends it.
//
// The resource keys (aws:ResourceAccount, aws:ResourceOrgID,
// aws:ResourceOrgPaths) are not here: they test the resource a request is
// made against, which for a bucket policy is the bucket itself, so they
// leave the caller open (IAM User Guide, "AWS global condition context
// keys", properties of the resource, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
// Nor is aws:Ec2InstanceSourcePrivateIPv4: private addresses repeat in
// every network.
var restrictingKeys = []restrictingKey{
	{"aws:sourcevpce", func(v string) bool { return literalID(v, "vpce-", 8) }},
	{"aws:sourcevpc", func(v string) bool { return literalID(v, "vpc-", 8) }},
	// The VPC endpoint owner's account, organization and organization
	// path (IAM User Guide, "AWS global condition context keys", properties
	// of the network: aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths).
	{"aws:vpceaccount", accountID},
	{"aws:vpceorgid", orgID},
	{"aws:vpceorgpaths", orgPath},
	// The VPC an EC2 instance's role credentials were delivered to (same
	// page, aws:Ec2InstanceSourceVpc).
	{"aws:ec2instancesourcevpc", func(v string) bool { return literalID(v, "vpc-", 8) }},
	// The older name of aws:SourceAccount, still in SNS's default topic
	// policy (awsdocs/iam-user-guide issue 111: "aws:SourceAccount was
	// introduced as the preferred replacement").
	{"aws:sourceowner", accountID},
	{"aws:principalaccount", accountID},
	{"aws:sourceaccount", accountID},
	{"aws:principalorgid", orgID},
	{"aws:sourceorgid", orgID},
	{"aws:principalorgpaths", orgPath},
	{"aws:sourceorgpaths", orgPath},
	{"aws:principalarn", specificARN},
	{"aws:sourcearn", specificARN},
	{"aws:userid", userID},
	{"aws:sourceip", func(v string) bool { _, err := parseCIDROrAddr(v); return err == nil && !isWorldOpen(v) }},
}

func hasWildcard(v string) bool { return strings.ContainsAny(v, "*?") }

func accountID(v string) bool {
	if len(v) != 12 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isDigit(v[i]) {
			return false
		}
	}
	return true
}

// literalID matches prefix followed by at least n letters or digits, with
// no wildcard.
func literalID(v, prefix string, n int) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(v), prefix)
	if !ok || len(rest) < n {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if !isAlnum(rest[i]) {
			return false
		}
	}
	return true
}

func orgID(v string) bool { return literalID(v, "o-", 10) }

// orgPath matches "o-xxxxxxxxxx/…": the organization is literal, what
// follows may use wildcards.
func orgPath(v string) bool {
	org, _, ok := strings.Cut(v, "/")
	return ok && orgID(org)
}

// specificARN matches an ARN whose account field is a literal account id,
// or an S3 ARN (which has no account field) with a literal bucket name of
// at least three characters. "arn:aws:iam::*:root" matches every account.
func specificARN(v string) bool {
	parts := strings.SplitN(v, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return false
	}
	if accountID(parts[4]) {
		return true
	}
	if parts[4] == "" && strings.EqualFold(parts[2], "s3") {
		bucket := parts[5]
		if k := strings.IndexAny(bucket, "*?/"); k >= 0 {
			bucket = bucket[:k]
		}
		return len(bucket) >= 3
	}
	return false
}

// userID matches an IAM unique id ("AIDA…", "AROA…:session") or an account
// id: the part before any ":" is literal and at least 12 characters.
func userID(v string) bool {
	id, _, _ := strings.Cut(v, ":")
	return len(id) >= 12 && !hasWildcard(id)
}

// BucketPolicyFindings flags S3 bucket policy statements that let a public
// principal read ("bucket.public_read", high) or write or delete
// ("bucket.public_write", critical) without a Condition that restricts who
// may call. An explicit Deny that covers the same actions and resources for
// everyone (or for everyone outside a restricted set, such as "deny unless
// aws:SourceVpce is vpce-…") cancels the grant. Index is the statement
// index; at most MaxFindings findings are returned.
func BucketPolicyFindings(policyJSON string) ([]Finding, error) {
	stmts, err := parsePolicy(policyJSON)
	if err != nil {
		return nil, err
	}
	ds := collectDenies(stmts)
	c := newCollector("bucket")
	for _, s := range stmts {
		bucketStatementFindings(c, s, ds)
	}
	return c.result(), nil
}

func bucketStatementFindings(c *collector, s statement, ds *denies) {
	if !s.allow || restrictsCaller(s.condition) {
		return
	}
	who := s.principal.shown
	switch {
	case s.principal.public:
	case s.hasNotPrinc:
		who = "NotPrincipal, i.e. everyone not listed"
	default:
		return
	}
	for _, fam := range s3Families {
		via := grantedFamily(s, fam, ds)
		if via == "" {
			continue
		}
		if !c.room() {
			c.omit(fam.severity, s.index, 0)
			continue
		}
		c.add(Finding{
			ID: fam.id, Severity: fam.severity,
			Message:     fmt.Sprintf("%s lets anyone (%s) %s the bucket (%s) without a Condition restricting the caller.", s.label(), who, fam.verb, via),
			Remediation: fmt.Sprintf("Grant %s only to named account or role ARNs, or add a Condition on aws:SourceVpce, aws:SourceIp or aws:PrincipalOrgID, and keep S3 Block Public Access on.", s.label()),
			References:  refs(refNISTAC6, refNISTSC7, refISOAccess), Index: s.index,
		})
	}
}

// s3Family is a family of S3 actions a public grant is judged by.
type s3Family struct {
	id, severity, verb string
	actions            []string // representative actions, named in messages
	prefixes           []string // lower-case action prefixes that belong to the family
}

// s3Families: a policy action grants a family when it matches one of the
// representative actions or starts with one of the family's prefixes
// ("s3:Get*", "s3:GetObjectTagging").
var s3Families = []s3Family{
	{"bucket.public_read", SeverityHigh, "read",
		[]string{"s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:GetBucketAcl",
			"s3:GetBucketPolicy", "s3:ListBucket", "s3:ListBucketVersions", "s3:ListMultipartUploadParts"},
		[]string{"s3:get", "s3:list"}},
	{"bucket.public_write", SeverityCritical, "write or delete in",
		[]string{"s3:PutObject", "s3:PutObjectAcl", "s3:PutBucketAcl", "s3:PutBucketPolicy",
			"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:DeleteBucket", "s3:DeleteBucketPolicy"},
		[]string{"s3:put", "s3:delete"}},
}

// grantedFamily reports how the statement grants an action family that no
// Deny cancels: the family's own action names it grants, "an s3:Get… action"
// style text when only a prefix matched, or "via NotAction" when NotAction
// leaves a family member allowed. "" means the family is not granted. The
// text names the detector's own table entries, never the policy's strings.
func grantedFamily(s statement, fam s3Family, ds *denies) string {
	if s.hasNotAction {
		for _, a := range fam.actions {
			if len(matchingPatterns(s.notActions, a)) == 0 && !ds.covers(s, a, true) {
				return "via NotAction"
			}
		}
		return ""
	}
	var named []string
	prefixOnly := false
	for _, p := range s.actions {
		if ds.covers(s, p, true) {
			continue
		}
		matched := false
		for _, a := range fam.actions {
			if globMatchFold(p, a) {
				matched = true
				if !slices.Contains(named, a) {
					named = append(named, a)
				}
			}
		}
		if !matched && hasAnyPrefixFold(p, fam.prefixes) {
			prefixOnly = true
		}
	}
	switch {
	case len(named) > 0:
		return listText(named, 4)
	case prefixOnly:
		return "an action starting " + listText(familyPrefixes(fam), 2)
	}
	return ""
}

func familyPrefixes(fam s3Family) []string {
	out := make([]string, len(fam.prefixes))
	for i, p := range fam.prefixes {
		out[i] = "s3:" + strings.ToUpper(p[3:4]) + p[4:]
	}
	return out
}

func hasAnyPrefixFold(s string, prefixes []string) bool {
	for _, pre := range prefixes {
		if len(s) >= len(pre) && strings.EqualFold(s[:len(pre)], pre) {
			return true
		}
	}
	return false
}

// restrictsCaller reports whether a Condition narrows who may use the
// statement: some operator (not negated, not …IfExists, not Null, not
// ForAllValues:, which all pass when the key is absent) tests a restricting
// key, and every value it allows names something specific. A condition that
// matches everyone, such as ArnLike aws:PrincipalArn "arn:aws:iam::*:root",
// StringLike "*" or IpAddress 0.0.0.0/0, does not restrict anything.
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
			if restrictingValues(key, val) {
				return true
			}
		}
	}
	return false
}

// restrictingOperator reports whether a condition operator can restrict
// the caller.
func restrictingOperator(op string) bool {
	l := strings.ToLower(strings.TrimSpace(op))
	if strings.HasPrefix(l, "forallvalues:") {
		return false
	}
	l = strings.TrimPrefix(l, "foranyvalue:")
	return !strings.HasPrefix(l, "not") && !strings.HasSuffix(l, "ifexists") && l != "null" &&
		!strings.HasPrefix(l, "stringnot") && !strings.HasPrefix(l, "arnnot")
}

// restrictingValues reports whether key is a restricting key and every value
// names something specific. Wildcards count as wildcards under every
// operator, so a value such as "*" never restricts.
func restrictingValues(key string, val any) bool {
	k := strings.ToLower(strings.TrimSpace(key))
	var rk *restrictingKey
	for i := range restrictingKeys {
		if restrictingKeys[i].key == k {
			rk = &restrictingKeys[i]
			break
		}
	}
	if rk == nil {
		return false
	}
	vals, err := policyStrings(val)
	if err != nil || len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		if v == "" || strings.Trim(v, "*?") == "" || !rk.specific(v) {
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

// publicAccessBlockSettings are the four settings of S3 Block Public
// Access, as aws_s3_bucket_public_access_block names them, with what each
// does (Amazon S3 User Guide, "Blocking public access to your Amazon S3
// storage"). The provider resource defaults each to false.
var publicAccessBlockSettings = []struct{ key, does string }{
	{"block_public_acls", "rejects requests that add public ACLs"},
	{"block_public_policy", "rejects bucket policies that grant public access"},
	{"ignore_public_acls", "ignores public ACLs already on the bucket and its objects"},
	{"restrict_public_buckets", "limits a public bucket policy to AWS services and the owner's principals"},
}

// BlockPublicAccessFindings reports, as one finding, the S3 Block Public
// Access settings that are present and false, in the documented key order.
// Absent keys are not reported: the caller decides what a missing block means.
func BlockPublicAccessFindings(settings map[string]bool) []Finding {
	var off []string
	for _, st := range publicAccessBlockSettings {
		if v, ok := settings[st.key]; ok && !v {
			off = append(off, st.key+" ("+st.does+")")
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

// PublicAccessBlockFindingsFromInput reads the four settings from an object
// such as a whole aws_s3_bucket_public_access_block resource (other
// attributes are ignored) and reports the ones that are off. A setting that
// is absent or null is off, as the resource defaults it to false; values
// are booleans or the strings "true" and "false".
func PublicAccessBlockFindingsFromInput(v any) ([]Finding, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("settings are %s, expected an object with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets", describe(v))
	}
	settings := make(map[string]bool, len(publicAccessBlockSettings))
	for _, st := range publicAccessBlockSettings {
		switch t := m[st.key].(type) {
		case nil:
			settings[st.key] = false
		case bool:
			settings[st.key] = t
		case string:
			switch strings.TrimSpace(t) {
			case "true":
				settings[st.key] = true
			case "false":
				settings[st.key] = false
			default:
				return nil, fmt.Errorf("%s is %s, expected true or false", st.key, describe(t))
			}
		default:
			return nil, fmt.Errorf("%s is %s, expected true or false", st.key, describe(t))
		}
	}
	return BlockPublicAccessFindings(settings), nil
}

// BucketPolicyFindingKinds lists the finding ids BucketPolicyFindings can
// return.
func BucketPolicyFindingKinds() []FindingKind {
	return []FindingKind{
		{"bucket.public_read", []string{SeverityHigh}, "A statement lets a public principal (\"*\", {\"AWS\": \"*\"} or NotPrincipal) read or list the bucket with no Condition restricting the caller and no Deny cancelling it."},
		{"bucket.public_write", []string{SeverityCritical}, "A statement lets a public principal write, change ACLs or policies, or delete in the bucket with no Condition restricting the caller and no Deny cancelling it."},
		moreFindingsKind("bucket"),
	}
}

// PublicAccessBlockFindingKinds lists the finding ids
// PublicAccessBlockFindingsFromInput and BlockPublicAccessFindings return.
func PublicAccessBlockFindingKinds() []FindingKind {
	return []FindingKind{
		{"bucket.public_access_block_disabled", []string{SeverityHigh}, "One or more of the four S3 Block Public Access settings is off (absent or null counts as off); the message names each and what it does."},
	}
}

// BucketACLFindingKinds lists the finding ids BucketACLFindings returns.
func BucketACLFindingKinds() []FindingKind {
	return []FindingKind{
		{"bucket.public_acl", []string{SeverityCritical, SeverityHigh}, "A canned ACL grants beyond the owner: public-read-write (critical), public-read or authenticated-read (high)."},
	}
}
