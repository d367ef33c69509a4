package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// secretKind identifies one kind of secret; kinds[k] describes it.
type secretKind uint8

const (
	kindAWSKeyID secretKind = iota
	kindAWSSecret
	kindGitHub
	kindGitLab
	kindSlack
	kindSlackWebhook
	kindGoogleAPI
	kindStripeLive
	kindStripeTest
	kindPrivateKey
	kindJWT
	kindPassword
	kindEntropy
)

type kindInfo struct {
	id       string
	severity string
	label    string // names the kind in messages
	fix      string
	refs     []string
	rank     int // when spans overlap, the higher rank (more specific) wins
}

const (
	fixRotate     = "Revoke or rotate it now, remove it from the text and its history, and read it at run time from a secrets manager or a sensitive variable."
	fixAWSKey     = "Deactivate and rotate the access key in IAM, remove it from the text, and give the workload an IAM role or read the key from a secrets manager at run time."
	fixPassword   = "Move the value into a secrets manager or a sensitive variable (for example a random_password resource or a write-only attribute) and rotate it, since it is exposed."
	fixEntropy    = "If the value is a credential, rotate it and load it from a secrets manager or a sensitive variable instead of writing it in plain text."
	fixPrivateKey = "Replace the key pair, remove the private key from the text, and keep private keys in a secrets manager or key management service."
)

var kinds = [...]kindInfo{
	kindAWSKeyID:     {"secret.aws_access_key_id", SeverityHigh, "AWS access key id", fixAWSKey, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindAWSSecret:    {"secret.aws_secret_access_key", SeverityCritical, "AWS secret access key", fixAWSKey, []string{refNISTIA5, refISOAuthInfo}, 2},
	kindGitHub:       {"secret.github_token", SeverityCritical, "GitHub token", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindGitLab:       {"secret.gitlab_token", SeverityCritical, "GitLab personal access token", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindSlack:        {"secret.slack_token", SeverityHigh, "Slack token", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindSlackWebhook: {"secret.slack_token", SeverityMedium, "Slack webhook URL", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindGoogleAPI:    {"secret.google_api_key", SeverityHigh, "Google API key", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindStripeLive:   {"secret.stripe_key", SeverityCritical, "Stripe live-mode key", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindStripeTest:   {"secret.stripe_key", SeverityLow, "Stripe test-mode key", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindPrivateKey:   {"secret.private_key", SeverityCritical, "private key block", fixPrivateKey, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindJWT:          {"secret.jwt", SeverityMedium, "JSON web token", fixRotate, []string{refNISTIA5, refISOAuthInfo}, 3},
	kindPassword:     {"secret.password_assignment", SeverityHigh, "literal password or secret assignment", fixPassword, []string{refNISTIA5, refNISTIA51, refISOAuthInfo}, 1},
	kindEntropy:      {"secret.high_entropy", SeverityMedium, "high-entropy value under a secret-like name", fixEntropy, []string{refNISTIA5, refISOAuthInfo}, 0},
}

// secretMatch is a detected secret: text[start:end] is the secret itself.
type secretMatch struct {
	start, end int
	kind       secretKind
}

// Limits that keep every scan linear: no token, key or value is read
// further than these bounds.
const (
	maxTokenLen = 255
	maxKeyLen   = 64
	maxValueLen = 4096
	maxJWTPart  = 8192
	pemWindow   = 64 << 10
)

// trigger marks the bytes where a detector can anchor. They are chosen to
// be rare in prose: token prefixes are recognised by looking back from the
// '_' or '-' that ends them, JWTs from the 'J' of "eyJ".
var trigger = func() (t [256]bool) {
	for _, c := range "AJ_-.=:" {
		t[c] = true
	}
	return t
}()

// SecretFindings scans text (user_data, environment values, tags, any
// string) for credentials. It reports one finding per secret occurrence;
// when several detectors match overlapping text, only the most specific is
// reported (provider token > AWS secret key > password assignment > high
// entropy). Findings are ordered by position, with Line set and Index -1. A
// finding never contains more than the first four characters of the secret.
//
// Decisions: Stripe test-mode keys (sk_test_, rk_test_) are reported with
// low severity, since they cannot move money but still open the account's
// test data; publishable keys (pk_) are public and ignored. AWS's documented
// example keys (containing "EXAMPLE") are ignored. Placeholder values
// ("changeme", "<password>", "${var.x}", "$VAR", "********", env var names)
// and references (var.x, random_password.db.result, function calls) are not
// literals. Values longer than 4096 bytes are not assessed.
func SecretFindings(text string) []Finding {
	matches := scanSecrets(text)
	if len(matches) == 0 {
		return nil
	}
	out := make([]Finding, 0, len(matches))
	line, pos := 1, 0
	for _, m := range matches {
		line += strings.Count(text[pos:m.start], "\n")
		pos = m.start
		out = append(out, secretFinding(text[m.start:m.end], m.kind, line))
	}
	return out
}

func secretFinding(secret string, k secretKind, line int) Finding {
	info := kinds[k]
	return Finding{
		ID:          info.id,
		Severity:    info.severity,
		Message:     fmt.Sprintf("%s on line %d (%s…)", info.label, line, secretHint(secret)),
		Remediation: info.fix,
		References:  refs(info.refs...),
		Index:       -1,
		Line:        line,
	}
}

// secretHint returns at most the first four characters of the secret, and
// fewer for short secrets (a quarter of its length), so a hint never gives
// away a meaningful part of it. Only printable ASCII is shown.
func secretHint(secret string) string {
	n := min(4, utf8.RuneCountInString(secret)/4)
	i := 0
	for i < n && i < len(secret) && secret[i] > ' ' && secret[i] < 0x7f {
		i++
	}
	return secret[:i]
}

// scanner carries the text and two forward-only caches that keep the scan
// linear on hostile input (for example "token=token=token=…" or many PEM
// headers): the next value delimiter and the next "-----" run.
type scanner struct {
	text     string
	stopFrom int // no value delimiter lies in text[stopFrom:stopAt]
	stopAt   int
	dashFrom int // no "-----" starts in text[dashFrom:dashAt]
	dashAt   int
}

func scanSecrets(text string) []secretMatch {
	s := &scanner{text: text, stopFrom: -1, dashFrom: -1}
	var cands []secretMatch
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !trigger[c] {
			continue
		}
		var m secretMatch
		var ok bool
		switch c {
		case 'A':
			m, ok = matchAtA(text, i)
		case 'J':
			m, ok = matchJWT(text, i)
		case '_':
			m, ok = matchUnderscoreToken(text, i)
		case '-':
			m, ok = s.matchDashToken(i)
		case '.':
			m, ok = matchSlackWebhook(text, i)
		case '=', ':':
			m, ok = s.matchAssignment(i)
		}
		if !ok {
			continue
		}
		cands = append(cands, m)
		if m.kind != kindPassword && m.kind != kindEntropy && m.kind != kindAWSSecret && m.end > i {
			// Nothing else starts inside a token; assignments are not
			// skipped because their value may hold a more specific token.
			i = m.end - 1
		}
	}
	return resolveOverlaps(cands)
}

// resolveOverlaps keeps, among overlapping matches, the most specific one
// (highest rank, then earliest, then longest) and returns the survivors in
// text order.
func resolveOverlaps(cands []secretMatch) []secretMatch {
	if len(cands) < 2 {
		return cands
	}
	sort.SliceStable(cands, func(a, b int) bool {
		ra, rb := kinds[cands[a].kind].rank, kinds[cands[b].kind].rank
		if ra != rb {
			return ra > rb
		}
		if cands[a].start != cands[b].start {
			return cands[a].start < cands[b].start
		}
		return cands[a].end > cands[b].end
	})
	var kept []secretMatch // sorted by start, non-overlapping
	for _, c := range cands {
		j := sort.Search(len(kept), func(x int) bool { return kept[x].start >= c.start })
		if j > 0 && kept[j-1].end > c.start {
			continue
		}
		if j < len(kept) && kept[j].start < c.end {
			continue
		}
		kept = append(kept, secretMatch{})
		copy(kept[j+1:], kept[j:])
		kept[j] = c
	}
	return kept
}

// ---- character classes ----

func isUpperAlnum(c byte) bool { return ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') }
func isWordByte(c byte) bool   { return isAlnum(c) || c == '_' }
func isB64URL(c byte) bool     { return isAlnum(c) || c == '_' || c == '-' }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }

// span returns the end of the run of bytes satisfying ok starting at i,
// reading at most limit+1 bytes so callers can tell an over-long run.
func span(text string, i, limit int, ok func(byte) bool) int {
	j := i
	for j < len(text) && j-i <= limit && ok(text[j]) {
		j++
	}
	return j
}

// boundaryBefore reports whether position i starts a token, i.e. the byte
// before it is not one that the token could continue.
func boundaryBefore(text string, i int, cont func(byte) bool) bool {
	return i == 0 || !cont(text[i-1])
}

func boundaryAfter(text string, j int, cont func(byte) bool) bool {
	return j >= len(text) || !cont(text[j])
}

// ---- prefix-anchored tokens ----

// matchAtA finds AWS access key ids (AKIA/ASIA + 16) and Google API keys
// (AIza + 35).
func matchAtA(text string, i int) (secretMatch, bool) {
	rest := text[i:]
	switch {
	case strings.HasPrefix(rest, "AKIA") || strings.HasPrefix(rest, "ASIA"):
		if !boundaryBefore(text, i, func(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }) {
			return secretMatch{}, false
		}
		end := span(text, i+4, 16, isUpperAlnum)
		if end-i != 20 || !boundaryAfter(text, end, isAlnum) {
			return secretMatch{}, false
		}
		if strings.Contains(text[i:end], "EXAMPLE") { // AWS documentation keys
			return secretMatch{}, false
		}
		return secretMatch{i, end, kindAWSKeyID}, true
	case strings.HasPrefix(rest, "AIza"):
		if !boundaryBefore(text, i, isB64URL) {
			return secretMatch{}, false
		}
		end := span(text, i+4, 35, isB64URL)
		if end-i != 39 || !boundaryAfter(text, end, isB64URL) {
			return secretMatch{}, false
		}
		return secretMatch{i, end, kindGoogleAPI}, true
	}
	return secretMatch{}, false
}

// matchUnderscoreToken recognises prefixes ending in '_': GitHub (ghp_,
// gho_, ghu_, ghs_, ghr_, github_pat_) and Stripe (sk_live_, rk_live_,
// sk_test_, rk_test_).
func matchUnderscoreToken(text string, i int) (secretMatch, bool) {
	switch {
	case i >= 3 && text[i-3] == 'g' && text[i-2] == 'h' && strings.IndexByte("pousr", text[i-1]) >= 0:
		return bodyToken(text, i-3, i+1, 36, isAlnum, isWordByte, kindGitHub)
	case i >= 10 && text[i-10:i] == "github_pat":
		return bodyToken(text, i-10, i+1, 40, isWordByte, isWordByte, kindGitHub)
	case i >= 7 && (text[i-7:i] == "sk_live" || text[i-7:i] == "rk_live"):
		return stripeToken(text, i-7, i+1, kindStripeLive)
	case i >= 7 && (text[i-7:i] == "sk_test" || text[i-7:i] == "rk_test"):
		return stripeToken(text, i-7, i+1, kindStripeTest)
	}
	return secretMatch{}, false
}

func stripeToken(text string, start, body int, k secretKind) (secretMatch, bool) {
	m, ok := bodyToken(text, start, body, 16, isAlnum, isWordByte, k)
	if ok && distinctBytes(text[body:m.end], 3) < 3 { // sk_live_xxxxxxxx…
		return secretMatch{}, false
	}
	return m, ok
}

// bodyToken checks a token that starts at start with a known prefix and a
// body from body made of bytes in class, at least minBody long, and not
// glued to surrounding word characters.
func bodyToken(text string, start, body, minBody int, class, cont func(byte) bool, k secretKind) (secretMatch, bool) {
	if !boundaryBefore(text, start, cont) {
		return secretMatch{}, false
	}
	end := span(text, body, maxTokenLen, class)
	if n := end - body; n < minBody || n > maxTokenLen || !boundaryAfter(text, end, cont) {
		return secretMatch{}, false
	}
	return secretMatch{start, end, k}, true
}

// matchDashToken recognises prefixes ending in '-': GitLab (glpat-), Slack
// (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-) and PEM private key headers.
func (s *scanner) matchDashToken(i int) (secretMatch, bool) {
	text := s.text
	switch {
	case strings.HasPrefix(text[i:], "-----BEGIN "):
		return s.matchPrivateKey(i)
	case i >= 5 && text[i-5:i] == "glpat":
		return bodyToken(text, i-5, i+1, 20, isB64URL, isB64URL, kindGitLab)
	case i >= 4 && text[i-4:i-1] == "xox" && strings.IndexByte("baprs", text[i-1]) >= 0:
		m, ok := bodyToken(text, i-4, i+1, 10, func(c byte) bool { return isAlnum(c) || c == '-' }, isB64URL, kindSlack)
		// Real Slack tokens carry numeric team/user ids; "xoxb-your-token"
		// placeholders do not.
		if ok && !strings.ContainsAny(text[i+1:m.end], "0123456789") {
			return secretMatch{}, false
		}
		return m, ok
	}
	return secretMatch{}, false
}

// matchSlackWebhook anchors on the '.' of "hooks.slack.com/".
func matchSlackWebhook(text string, i int) (secretMatch, bool) {
	if i < 5 || text[i-5:i] != "hooks" || !strings.HasPrefix(text[i:], ".slack.com/") {
		return secretMatch{}, false
	}
	start := i - 5
	if !boundaryBefore(text, start, func(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }) {
		return secretMatch{}, false
	}
	p := i + len(".slack.com/")
	var minSlashes int
	switch rest := text[p:]; {
	case strings.HasPrefix(rest, "services/"):
		p, minSlashes = p+len("services/"), 2
	case strings.HasPrefix(rest, "workflows/"):
		p, minSlashes = p+len("workflows/"), 1
	case strings.HasPrefix(rest, "triggers/"):
		p, minSlashes = p+len("triggers/"), 1
	default:
		return secretMatch{}, false
	}
	end := span(text, p, maxTokenLen, func(c byte) bool { return isB64URL(c) || c == '/' })
	if end-p < 20 || end-p > maxTokenLen || strings.Count(text[p:end], "/") < minSlashes {
		return secretMatch{}, false
	}
	for _, scheme := range []string{"https://", "http://"} {
		if strings.HasSuffix(text[:start], scheme) {
			start -= len(scheme)
			break
		}
	}
	return secretMatch{start, end, kindSlackWebhook}, true
}

// matchPrivateKey accepts "-----BEGIN <label>PRIVATE KEY[ BLOCK]-----"
// followed by at least a few lines' worth of base64 body before the next
// "-----", so that documentation mentioning the header alone does not count.
func (s *scanner) matchPrivateKey(i int) (secretMatch, bool) {
	text := s.text
	labelStart := i + len("-----BEGIN ")
	labelEnd := span(text, labelStart, 64, func(c byte) bool { return isUpperAlnum(c) || c == ' ' })
	label := text[labelStart:labelEnd]
	if !strings.HasPrefix(text[labelEnd:], "-----") ||
		!strings.HasSuffix(label, "PRIVATE KEY") && !strings.HasSuffix(label, "PRIVATE KEY BLOCK") {
		return secretMatch{}, false
	}
	bodyStart := labelEnd + 5
	next := s.nextDashes(bodyStart)
	body := text[bodyStart:min(next, bodyStart+pemWindow)]
	n := 0
	for j := 0; j < len(body) && n < 40; j++ {
		if c := body[j]; isAlnum(c) || c == '+' || c == '/' {
			n++
		}
	}
	if n < 40 {
		return secretMatch{}, false
	}
	end := bodyStart
	if next-bodyStart <= pemWindow && strings.HasPrefix(text[next:], "-----END") {
		end = span(text, next+len("-----END"), 64, func(c byte) bool { return isUpperAlnum(c) || c == ' ' || c == '-' })
	}
	return secretMatch{i, end, kindPrivateKey}, true
}

// nextDashes returns the start of the next "-----" at or after p, or
// len(text). Calls come with increasing p, so the cached answer is reused
// until p passes it and the text is searched once overall.
func (s *scanner) nextDashes(p int) int {
	if s.dashFrom < 0 || p < s.dashFrom || p > s.dashAt {
		s.dashFrom = p
		if k := strings.Index(s.text[p:], "-----"); k >= 0 {
			s.dashAt = p + k
		} else {
			s.dashAt = len(s.text)
		}
	}
	return s.dashAt
}

// nextStop returns the position of the next unquoted-value delimiter at or
// after p, or len(text), caching it like nextDashes.
func (s *scanner) nextStop(p int) int {
	if s.stopFrom < 0 || p < s.stopFrom || p > s.stopAt {
		s.stopFrom = p
		q := p
		for q < len(s.text) && !isValueStop(s.text[q]) {
			q++
		}
		s.stopAt = q
	}
	return s.stopAt
}

// matchJWT anchors on the 'J' of "eyJ" (base64url of `{"`) and requires
// three base64url parts whose first decodes to a JSON object with "alg".
func matchJWT(text string, i int) (secretMatch, bool) {
	start := i - 2
	if start < 0 || text[start] != 'e' || text[start+1] != 'y' || !boundaryBefore(text, start, isB64URL) {
		return secretMatch{}, false
	}
	hEnd := span(text, start, maxJWTPart, isB64URL)
	if hEnd-start < 10 || hEnd-start > maxJWTPart || hEnd >= len(text) || text[hEnd] != '.' {
		return secretMatch{}, false
	}
	pEnd := span(text, hEnd+1, maxJWTPart, isB64URL)
	if pEnd-hEnd-1 < 2 || pEnd-hEnd-1 > maxJWTPart || pEnd >= len(text) || text[pEnd] != '.' {
		return secretMatch{}, false
	}
	sEnd := span(text, pEnd+1, maxJWTPart, isB64URL)
	if sEnd-pEnd-1 < 2 || sEnd-pEnd-1 > maxJWTPart || !boundaryAfter(text, sEnd, func(c byte) bool { return isB64URL(c) || c == '.' }) {
		return secretMatch{}, false
	}
	if !jwtHeaderHasAlg(text[start:hEnd]) {
		return secretMatch{}, false
	}
	return secretMatch{start, sEnd, kindJWT}, true
}

func jwtHeaderHasAlg(h string) bool {
	raw, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		return false
	}
	var hdr map[string]any
	if json.Unmarshal(raw, &hdr) != nil {
		return false
	}
	alg, ok := hdr["alg"].(string)
	return ok && alg != ""
}

// ---- assignments: key = value, key: value, "key": "value" ----

// keyClass says what a key name suggests about its value.
type keyClass struct {
	awsSecret bool // aws_secret_access_key and friends
	password  bool // password, secret, token, api_key: any literal counts
	entropy   bool // broader key-like names: only high-entropy values count
}

// keyHints is a cheap substring filter run before the key is tokenised.
var keyHints = [][]byte{[]byte("pass"), []byte("pwd"), []byte("secret"), []byte("token"), []byte("key"), []byte("cred"), []byte("auth")}

// matchAssignment handles an '=' or ':' at i: it reads the key before it and
// the value after it and decides whether the value is a literal secret.
func (s *scanner) matchAssignment(i int) (secretMatch, bool) {
	text := s.text
	sep := text[i]
	v := i + 1
	keyEnd := i
	if sep == ':' {
		if v < len(text) && text[v] == '=' {
			return secretMatch{}, false // ":=" is handled at its '='
		}
	} else {
		if v < len(text) && text[v] == '=' {
			return secretMatch{}, false // "==" compares
		}
		if v < len(text) && text[v] == '>' {
			v++ // "=>"
		}
		if keyEnd > 0 && text[keyEnd-1] == ':' {
			keyEnd-- // ":="
		}
	}
	key, quotedKey, ok := keyBefore(text, keyEnd)
	if !ok {
		return secretMatch{}, false
	}
	// A YAML-style "key: value" needs a blank after the colon; this keeps
	// URLs, ARNs and clock times out.
	if sep == ':' && !quotedKey && (v >= len(text) || (text[v] != ' ' && text[v] != '\t')) {
		return secretMatch{}, false
	}
	if !containsAnyFold(key, keyHints) {
		return secretMatch{}, false
	}
	cls := classifyKey(key)
	if !cls.awsSecret && !cls.password && !cls.entropy {
		return secretMatch{}, false
	}
	vs, ve, quoted, ok := s.valueAfter(v)
	if !ok {
		return secretMatch{}, false
	}
	k, ok := classifyValue(cls, text[vs:ve], quoted)
	if !ok {
		return secretMatch{}, false
	}
	return secretMatch{vs, ve, k}, true
}

func isKeyByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' }
func isQuote(c byte) bool   { return c == '"' || c == '\'' || c == '`' }

// keyBefore reads the key that ends just before position end, skipping
// blanks and a closing quote (also a JSON-escaped \").
func keyBefore(text string, end int) (key string, quoted, ok bool) {
	j := end
	for j > 0 && end-j < 16 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j > 0 && isQuote(text[j-1]) {
		quoted = true
		j--
		if j > 0 && text[j-1] == '\\' {
			j--
		}
	}
	kEnd := j
	for j > 0 && kEnd-j <= maxKeyLen && isKeyByte(text[j-1]) {
		j--
	}
	if j == kEnd || kEnd-j > maxKeyLen {
		return "", false, false
	}
	return text[j:kEnd], quoted, true
}

// valueAfter reads the value that starts after blanks at p: a quoted string
// on the same line (also JSON-escaped \"…\"), or an unquoted run up to a
// blank or delimiter, without trailing sentence punctuation.
func (s *scanner) valueAfter(p int) (start, end int, quoted, ok bool) {
	text := s.text
	for n := 0; p < len(text) && n < 32 && (text[p] == ' ' || text[p] == '\t'); n++ {
		p++
	}
	if p >= len(text) {
		return 0, 0, false, false
	}
	if text[p] == '\\' && p+1 < len(text) && text[p+1] == '"' {
		s := p + 2
		for q := s; q+1 < len(text) && q-s <= maxValueLen && text[q] != '\n'; q++ {
			if text[q] == '\\' && text[q+1] == '"' {
				return s, q, true, true
			}
		}
		return 0, 0, false, false
	}
	if isQuote(text[p]) {
		quote, s := text[p], p+1
		for q := s; q < len(text) && q-s <= maxValueLen && text[q] != '\n'; q++ {
			switch text[q] {
			case '\\':
				q++
			case quote:
				return s, q, true, true
			}
		}
		return 0, 0, false, false
	}
	q := s.nextStop(p)
	if q-p > maxValueLen {
		return 0, 0, false, false
	}
	for q > p && strings.IndexByte(".,;:!?)", text[q-1]) >= 0 {
		q--
	}
	return p, q, false, q > p
}

func isValueStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ';', '&', '"', '\'', '`', ')', '}', ']':
		return true
	}
	return false
}

// classifyKey splits a key into lower-case words (snake, kebab, dotted and
// camelCase) and judges it by its last word, so db_password and
// clientSecret count while password_length, secret_name and token_ttl do
// not.
func classifyKey(key string) keyClass {
	words := keyWords(key)
	for len(words) > 0 {
		switch words[len(words)-1] {
		case "wo", "value", "string", "plain", "plaintext", "literal", "raw":
			// Wrappers around the real name: password_wo, secret_string.
			words = words[:len(words)-1]
			continue
		}
		break
	}
	if len(words) == 0 {
		return keyClass{}
	}
	joined := strings.Join(words, "")
	var c keyClass
	// The AWS provider's own secret_key argument counts too; the value must
	// still have the exact AWS format.
	c.awsSecret = strings.Contains(joined, "secretaccesskey") || strings.HasSuffix(joined, "secretkey") ||
		(strings.Contains(joined, "aws") && strings.Contains(joined, "secret"))
	for _, w := range words {
		if w == "public" || w == "pub" || w == "publishable" {
			return c // public keys are meant to be shared
		}
	}
	last, prev := words[len(words)-1], ""
	if len(words) > 1 {
		prev = words[len(words)-2]
	}
	switch {
	case last == "pass" || last == "pwd" || (last == "key" && prev == "api"):
		c.password = true
	case hasAnySuffix(last, "password", "passwd", "passphrase", "secret", "token", "apikey"):
		c.password = true
	}
	c.entropy = c.password || last == "key" || last == "auth" ||
		hasAnySuffix(last, "credential", "credentials", "creds", "accesskey", "secretkey", "privatekey",
			"masterkey", "signingkey", "encryptionkey", "authkey", "clientkey", "sessionkey")
	return c
}

func keyWords(key string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !isAlnum(c) {
			flush()
			continue
		}
		isUp := 'A' <= c && c <= 'Z'
		if isUp && i > 0 {
			p := key[i-1]
			pLower := ('a' <= p && p <= 'z') || isDigit(p)
			pUpper := 'A' <= p && p <= 'Z'
			nLower := i+1 < len(key) && 'a' <= key[i+1] && key[i+1] <= 'z'
			if pLower || (pUpper && nLower) { // fooBar, APIKey
				flush()
			}
		}
		cur = append(cur, lower(c))
	}
	flush()
	return words
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// containsAnyFold reports whether s (at most maxKeyLen bytes) contains any
// of the lower-case needles, ignoring ASCII case, without allocating.
func containsAnyFold(s string, needles [][]byte) bool {
	var buf [maxKeyLen + 1]byte
	n := copy(buf[:], s)
	for i := range n {
		buf[i] = lower(buf[i])
	}
	for _, needle := range needles {
		if bytes.Contains(buf[:n], needle) {
			return true
		}
	}
	return false
}

func classifyValue(cls keyClass, v string, quoted bool) (secretKind, bool) {
	if cls.awsSecret && isAWSSecretValue(v) {
		return kindAWSSecret, true
	}
	if isPlaceholder(v, quoted) {
		return 0, false
	}
	if cls.password && isLiteralSecret(v, quoted) {
		return kindPassword, true
	}
	if cls.entropy && isHighEntropy(v) {
		return kindEntropy, true
	}
	return 0, false
}

// isAWSSecretValue matches the 40-character base64 alphabet of AWS secret
// access keys, excluding AWS's documented example key.
func isAWSSecretValue(v string) bool {
	if len(v) != 40 || strings.Contains(v, "EXAMPLE") {
		return false
	}
	var up, lo, other bool
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'A' <= c && c <= 'Z':
			up = true
		case 'a' <= c && c <= 'z':
			lo = true
		case isDigit(c) || c == '/' || c == '+':
			other = true
		default:
			return false
		}
	}
	return up && lo && other
}

// placeholderWords are values that stand for a secret rather than being
// one. "changeme" and friends are treated as placeholders: they appear in
// templates far more often than as real credentials.
var placeholderWords = map[string]bool{
	"changeme": true, "changeit": true, "password": true, "passwd": true, "secret": true, "token": true,
	"apikey": true, "example": true, "sample": true, "redacted": true, "replaceme": true, "placeholder": true,
	"null": true, "nil": true, "none": true, "true": true, "false": true, "undefined": true, "required": true,
	"optional": true, "string": true, "str": true, "bool": true, "boolean": true, "int": true, "integer": true,
	"number": true, "todo": true, "tbd": true, "dummy": true, "fake": true, "test": true, "notset": true,
	"unset": true, "empty": true, "hidden": true, "masked": true, "sensitive": true, "default": true,
	"secretvalue": true, "xxx": true, "mypassword": true, "mysecret": true, "mytoken": true, "secure": true,
}

// isPlaceholder reports values that are not literal secrets: template
// interpolations, variables and references, paths, ARNs, URLs without
// credentials, masked or placeholder text.
func isPlaceholder(v string, quoted bool) bool {
	if v == "" {
		return true
	}
	switch v[0] {
	case '$', '<': // ${var.x}, $VAR, $(cmd), <password>, <<EOF
		return true
	case '!', '&', '*': // YAML tags (!Ref), anchors and aliases
		if !quoted {
			return true
		}
	}
	if isPath(v) {
		return true
	}
	for _, t := range []string{"${", "{{", "}}", "#{", "%{", "%(", "{%"} {
		if strings.Contains(v, t) {
			return true
		}
	}
	lv := strings.ToLower(v)
	for _, p := range []string{"arn:", "projects/", "enc[", "./", "../", "file:", "vault:", "var.", "local.", "module.", "data."} {
		if strings.HasPrefix(lv, p) {
			return true
		}
	}
	if len(v) > 1 && v[0] == '%' && v[len(v)-1] == '%' {
		return true
	}
	if strings.Contains(v, "://") && !strings.Contains(v, "@") {
		return true
	}
	if distinctBytes(v, 3) <= 2 { // ********, xxxx-xxxx
		return true
	}
	if isEnvVarName(v) || (!quoted && (isReference(v) || strings.Contains(v, "("))) {
		return true
	}
	w := alnumLower(v)
	return placeholderWords[w] || strings.HasPrefix(w, "your") || strings.HasPrefix(w, "example") ||
		strings.HasPrefix(w, "changeme") || strings.HasPrefix(w, "replace") || strings.HasPrefix(w, "insert")
}

// isPath matches file paths such as /run/secrets/db or ~/.ssh/id_rsa. Paths
// are lower-case in practice; requiring that keeps random base64 values that
// happen to start with '/' in play.
func isPath(v string) bool {
	if !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "~/") {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; 'A' <= c && c <= 'Z' || c == '+' || c == '=' {
			return false
		}
	}
	return strings.Count(v, "/") >= 2
}

// isReference matches unquoted traversals such as var.db_password,
// random_password.db.result or each.value["x"].
func isReference(v string) bool {
	c := v[0]
	isLetter := ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c == '_'
	if !isLetter || !strings.Contains(v, ".") || v[len(v)-1] == '.' {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(isKeyByte(c) || c == '[' || c == ']' || c == '*') {
			return false
		}
	}
	return true
}

// isEnvVarName matches DB_PASSWORD-style names used to point at a secret.
func isEnvVarName(v string) bool {
	if !strings.Contains(v, "_") || !('A' <= v[0] && v[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(isUpperAlnum(c) || c == '_') {
			return false
		}
	}
	return true
}

// isLiteralSecret decides whether a value under a password-like key is a
// real literal. Quoted values need 4 characters; unquoted ones (YAML, env,
// prose) need 6 and a digit or symbol, so "password: forgotten" is prose.
func isLiteralSecret(v string, quoted bool) bool {
	if strings.ContainsAny(v, " \t") {
		return false
	}
	if quoted {
		return utf8.RuneCountInString(v) >= 4
	}
	if len(v) < 6 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isDigit(c) || (!isAlnum(c) && c != '_' && c != '-' && c != '.') {
			return true
		}
	}
	return false
}

// entropyThreshold is the Shannon entropy, in bits per character, a value
// of 20+ characters must reach. Random base62/base64 strings of length 20
// score 3.6 or more in 99% of draws (the maximum for 20 characters is
// log2(20) = 4.32, and longer strings score higher); identifiers and
// words score 3.0-3.7, and hex is capped at 4.0 and excluded separately.
// The character-class rule does most of the remaining work.
const entropyThreshold = 3.5

// isHighEntropy reports random-looking values: 20 to 1024 characters, no
// blanks, at least three of upper/lower/digit/symbol, entropy at or above
// entropyThreshold, and not hex, a UUID, an AWS resource id or base64 of
// readable text.
func isHighEntropy(v string) bool {
	if len(v) < 20 || len(v) > 1024 || strings.ContainsAny(v, " \t") {
		return false
	}
	if isHexish(v) || isResourceID(v) || charClasses(v) < 3 || shannon(v) < entropyThreshold {
		return false
	}
	return !isBase64OfText(v)
}

func isHexish(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F') || c == '-') {
			return false
		}
	}
	return true
}

// isResourceID matches cloud ids such as ami-0abc…, sg-…, vpc-….
func isResourceID(v string) bool {
	prefix, rest, ok := strings.Cut(v, "-")
	if !ok || prefix == "" || len(prefix) > 12 || !isHexish(rest) || strings.Contains(rest, "-") {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i]; !('a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

func charClasses(v string) int {
	var up, lo, dg, sym int
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'A' <= c && c <= 'Z':
			up = 1
		case 'a' <= c && c <= 'z':
			lo = 1
		case isDigit(c):
			dg = 1
		default:
			sym = 1
		}
	}
	return up + lo + dg + sym
}

// shannon returns the Shannon entropy of v's bytes in bits per byte.
func shannon(v string) float64 {
	var counts [256]int
	for i := 0; i < len(v); i++ {
		counts[v[i]]++
	}
	n := float64(len(v))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// isBase64OfText reports values that decode as base64 to readable text:
// encoded prose is not a random key.
func isBase64OfText(v string) bool {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		raw, err := enc.DecodeString(v)
		if err != nil || len(raw) < 12 {
			continue
		}
		printable := 0
		for _, b := range raw {
			if (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' {
				printable++
			}
		}
		return printable*10 >= len(raw)*9
	}
	return false
}

// distinctBytes counts distinct bytes in s, stopping once it reaches limit.
func distinctBytes(s string, limit int) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s) && n < limit; i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

func alnumLower(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; isAlnum(c) {
			b = append(b, lower(c))
		}
	}
	return string(b)
}
