package detect

import (
	"bytes"
	"encoding/base64"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// ---- assignments in the syntaxes configuration and code use ----
//
//	key = "v"   key: v   KEY=v   "key": "v"   key => "v"   (ini, YAML, env, JSON, HCL, Ruby)
//	var key string = "v"   key := "v"   const key: string = "v"   (Go, TypeScript)
//	KEY ?= v   KEY := v   KEY ::= v   KEY :::= v   KEY += v   $key .= "v"   (make, PHP)
//	System.setProperty("key", "v")   os.Setenv("KEY", "v")   (call arguments)
//	<key>v</key>   <entry key="key" value="v"/>   - name: KEY / value: v   (XML, k8s, ECS)
//	--key v   --key=v   -p v   (command-line flags)
//	scheme://user:password@host   Password=v;   (connection strings)

// keyClass says what a key name suggests about its value.
type keyClass struct {
	awsSecret bool // aws_secret_access_key and friends
	password  bool // password, secret, token, api_key: any literal counts
	entropy   bool // broader key-like names: only high-entropy values count
	hexKey    bool // a key name under which a random hex blob is a key, not a lookup key or a digest
}

func (c keyClass) any() bool { return c.awsSecret || c.password || c.entropy }

// keyHints is a cheap substring filter run before the key is tokenised.
var keyHints = newFoldSet("pass", "pwd", "secret", "token", "key", "cred", "auth")

// matchAssignment handles an '=' or ':' at i: it reads the key before it and
// the value after it and decides whether the value is a literal secret.
func (s *scanner) matchAssignment(i int) (secretMatch, bool) {
	text := s.text
	sep := text[i]
	v := i + 1
	keyEnd := i
	if sep == ':' {
		if v < len(text) && (text[v] == '=' || text[v] == ':') {
			return secretMatch{}, false // ":=", "::=" are handled at their '='
		}
	} else {
		if v < len(text) && (text[v] == '=' || text[v] == '~') {
			return secretMatch{}, false // "==", "=~" compare
		}
		if v < len(text) && text[v] == '>' {
			v++ // "=>"
		}
		// make's ?=, :=, ::=, :::=, +=; PHP's .=
		for n := 0; keyEnd > 0 && n < 3; n++ {
			c := text[keyEnd-1]
			if c == '!' || c == '<' || c == '>' {
				return secretMatch{}, false // "!=", "<=", ">=" compare
			}
			if c != ':' && c != '?' && c != '+' && !(c == '.' && keyEnd > 1 && (text[keyEnd-2] == ' ' || text[keyEnd-2] == '\t')) {
				break
			}
			keyEnd--
		}
	}
	key, keyStart, quotedKey, ok := keyBefore(text, keyEnd)
	if !ok {
		return secretMatch{}, false
	}
	// A YAML-style "key: value" needs a blank after the colon; this keeps
	// URLs, ARNs and clock times out.
	if sep == ':' && !quotedKey && (v >= len(text) || (text[v] != ' ' && text[v] != '\t')) {
		return secretMatch{}, false
	}
	if isTypeWord(key) {
		// Go "var key string = v", TypeScript "key: string = v".
		if k, ks, ok := typedName(text, keyStart); ok {
			key, keyStart = k, ks
		}
	}
	if isValueWord(key) {
		// <entry key="password" value="v"/>, - name: DB_PASSWORD / value: v,
		// { name = "DB_PASSWORD", value = "v" }
		if k, ok := pairedName(text, keyStart); ok {
			key = k
		}
	}
	if !keyHints.in(key) {
		return secretMatch{}, false
	}
	cls := classifyKey(key)
	if !cls.any() {
		return secretMatch{}, false
	}
	vs, ve, quoted, ok := s.valueAfter(v)
	if !ok {
		return secretMatch{}, false
	}
	s.valueFrom, s.valueTo = vs, max(ve, s.valueTo)
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
func keyBefore(text string, end int) (key string, start int, quoted, ok bool) {
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
		return "", 0, false, false
	}
	return text[j:kEnd], j, quoted, true
}

// isTypeWord matches the type names that sit between a name and its value.
func isTypeWord(k string) bool {
	switch k {
	case "string", "String", "str", "char", "bytes", "any", "var", "val":
		return true
	}
	return false
}

// typedName reads the name before a type word: blanks and an optional ':'
// then an identifier.
func typedName(text string, typeStart int) (string, int, bool) {
	j := typeStart
	for n := 0; j > 0 && n < 8 && (text[j-1] == ' ' || text[j-1] == '\t'); n++ {
		j--
	}
	if j > 0 && text[j-1] == ':' {
		j--
		for n := 0; j > 0 && n < 8 && (text[j-1] == ' ' || text[j-1] == '\t'); n++ {
			j--
		}
	}
	if j == typeStart {
		return "", 0, false
	}
	k, ks, _, ok := keyBefore(text, j)
	return k, ks, ok
}

func isValueWord(k string) bool { return strings.EqualFold(k, "value") || strings.EqualFold(k, "val") }

// pairedName finds the name a "value" key belongs to: the nearest
// preceding name or key attribute within 160 bytes ("name": "X", name: X,
// name = "X", key="X").
func pairedName(text string, valueStart int) (string, bool) {
	from := max(0, valueStart-160)
	window := text[from:valueStart]
	best := -1
	for _, w := range []string{"name", "Name", "key", "Key", "NAME", "KEY"} {
		if k := strings.LastIndex(window, w); k > best && (k == 0 || !isKeyByte(window[k-1])) {
			best = k
		}
	}
	if best < 0 {
		return "", false
	}
	p := from + best
	for p < valueStart && isKeyByte(text[p]) {
		p++
	}
	if p < valueStart && isQuote(text[p]) {
		p++
	}
	for p < valueStart && (text[p] == ' ' || text[p] == '\t') {
		p++
	}
	if p >= valueStart || (text[p] != '=' && text[p] != ':') {
		return "", false
	}
	p++
	for p < valueStart && (text[p] == ' ' || text[p] == '\t') {
		p++
	}
	if p < valueStart && isQuote(text[p]) {
		p++
	}
	e := p
	for e < valueStart && e-p <= maxKeyLen && isKeyByte(text[e]) {
		e++
	}
	if e == p || e-p > maxKeyLen {
		return "", false
	}
	return text[p:e], true
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
		vs := p + 2
		for q := vs; q+1 < len(text) && q-vs <= maxValueLen && text[q] != '\n'; q++ {
			if text[q] == '\\' && text[q+1] == '"' {
				return vs, q, true, true
			}
		}
		s.valueFrom, s.valueTo = vs, min(len(text), vs+maxValueLen)
		return 0, 0, false, false
	}
	if isQuote(text[p]) {
		vs, q, ok := quotedString(text, p)
		if !ok {
			s.valueFrom, s.valueTo = vs, q
		}
		return vs, q, true, ok
	}
	q := s.nextStop(p)
	s.valueFrom, s.valueTo = p, q // trailing punctuation is not a new key either
	if q-p > maxValueLen {
		return 0, 0, false, false
	}
	if q+1 < len(text) && text[q] == '<' && isLetter(text[q+1]) {
		return 0, 0, false, false // "dt0c01.<your-token>": a template, not a literal
	}
	for q > p && strings.IndexByte(".,;:!?)", text[q-1]) >= 0 {
		q--
	}
	return p, q, false, q > p
}

// quotedString reads the string whose opening quote is at p, on one line
// and at most maxValueLen long; when it is not closed, end is where the
// search stopped.
func quotedString(text string, p int) (start, end int, ok bool) {
	quote, vs := text[p], p+1
	q := vs
	for ; q < len(text) && q-vs <= maxValueLen && text[q] != '\n'; q++ {
		switch text[q] {
		case '\\':
			q++
		case quote:
			return vs, q, true
		}
	}
	return vs, min(q, len(text)), false
}

func isValueStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ';', '&', '"', '\'', '`', ')', '}', ']', '<':
		return true
	}
	return false
}

// matchXMLElement handles the '>' of "<key>value</key>".
func (s *scanner) matchXMLElement(i int) (secretMatch, bool) {
	text := s.text
	j := i
	for j > 0 && i-j <= maxKeyLen && isKeyByte(text[j-1]) {
		j--
	}
	if j == i || i-j > maxKeyLen || j == 0 || text[j-1] != '<' {
		return secretMatch{}, false
	}
	name := text[j:i]
	if !keyHints.in(name) {
		return secretMatch{}, false
	}
	cls := classifyKey(name)
	if !cls.any() {
		return secretMatch{}, false
	}
	vs := i + 1
	k := strings.IndexByte(text[vs:min(len(text), vs+maxValueLen)], '<')
	if k <= 0 {
		return secretMatch{}, false
	}
	ve := vs + k
	if !strings.HasPrefix(text[ve:], "</"+name+">") {
		return secretMatch{}, false
	}
	v := strings.TrimSpace(text[vs:ve])
	if v == "" || strings.ContainsRune(v, '\n') {
		return secretMatch{}, false
	}
	vs += strings.Index(text[vs:ve], v)
	kind, ok := classifyValue(cls, v, true)
	if !ok {
		return secretMatch{}, false
	}
	return secretMatch{vs, vs + len(v), kind}, true
}

// matchCallPair handles the ',' of a call whose first two arguments are a
// quoted name and a quoted value: System.setProperty("db.password", "v"),
// os.Setenv("API_TOKEN", "v"), define('DB_PASSWORD', 'v').
func (s *scanner) matchCallPair(i int) (secretMatch, bool) {
	text := s.text
	j := i
	for n := 0; j > 0 && n < 8 && (text[j-1] == ' ' || text[j-1] == '\t'); n++ {
		j--
	}
	if j == 0 || !isQuote(text[j-1]) {
		return secretMatch{}, false
	}
	quote := text[j-1]
	kEnd := j - 1
	ks := kEnd
	for ks > 0 && kEnd-ks <= maxKeyLen && isKeyByte(text[ks-1]) {
		ks--
	}
	if ks == kEnd || kEnd-ks > maxKeyLen || ks == 0 || text[ks-1] != quote {
		return secretMatch{}, false
	}
	o := ks - 1
	for n := 0; o > 0 && n < 8 && (text[o-1] == ' ' || text[o-1] == '\t'); n++ {
		o--
	}
	if o == 0 || text[o-1] != '(' {
		return secretMatch{}, false
	}
	key := text[ks:kEnd]
	if !keyHints.in(key) {
		return secretMatch{}, false
	}
	cls := classifyKey(key)
	if !cls.any() {
		return secretMatch{}, false
	}
	p := i + 1
	for n := 0; p < len(text) && n < 8 && (text[p] == ' ' || text[p] == '\t'); n++ {
		p++
	}
	if p >= len(text) || !isQuote(text[p]) {
		return secretMatch{}, false
	}
	vs, ve, ok := quotedString(text, p)
	if !ok {
		return secretMatch{}, false
	}
	kind, ok := classifyValue(cls, text[vs:ve], true)
	if !ok {
		return secretMatch{}, false
	}
	return secretMatch{vs, ve, kind}, true
}

// matchFlag handles a '-' that starts a command-line flag followed by a
// blank and its value: --password v, --api-token "v", and -p v (sshpass,
// docker login). A -p value that is a number, a port mapping or a path is
// not a password (ssh -p 2222, docker run -p 8080:80, mkdir -p /srv).
func (s *scanner) matchFlag(i int) (secretMatch, bool) {
	text := s.text
	if i > 0 && text[i-1] != ' ' && text[i-1] != '\t' && !isQuote(text[i-1]) {
		return secretMatch{}, false
	}
	var cls keyClass
	p := i + 1
	short := false
	switch {
	case p < len(text) && text[p] == '-':
		p++
		e := p
		for e < len(text) && e-p <= maxKeyLen && (isAlnum(text[e]) || text[e] == '-' || text[e] == '_') {
			e++
		}
		if e == p || e-p > maxKeyLen || e >= len(text) || (text[e] != ' ' && text[e] != '\t') {
			return secretMatch{}, false // "--key=v" is handled at its '='
		}
		name := text[p:e]
		if !keyHints.in(name) {
			return secretMatch{}, false
		}
		cls = classifyKey(name)
		cls.entropy = cls.entropy && cls.password // flags need a password-like name
		p = e
	case p+1 < len(text) && text[p] == 'p' && (text[p+1] == ' ' || text[p+1] == '\t'):
		cls = keyClass{password: true}
		short = true
		p++
	default:
		return secretMatch{}, false
	}
	if !cls.any() {
		return secretMatch{}, false
	}
	vs, ve, quoted, ok := s.valueAfter(p)
	if !ok || text[vs] == '-' {
		return secretMatch{}, false
	}
	v := text[vs:ve]
	if short && (numericShape(v) || isPath(v) || strings.HasPrefix(v, "/") || strings.HasPrefix(v, ".")) {
		return secretMatch{}, false
	}
	kind, ok := classifyValue(cls, v, quoted)
	if !ok {
		return secretMatch{}, false
	}
	return secretMatch{vs, ve, kind}, true
}

// classifyKey splits a key into lower-case words (snake, kebab, dotted and
// camelCase) and judges it by its last word, so db_password and
// clientSecret count while password_length, secret_name and token_ttl do
// not. Trailing wrapper words (password_wo, secret_string), numbers
// (api_token_123) and environment or encoding suffixes (db_password_prod,
// token_b64) are skipped first.
func classifyKey(key string) keyClass {
	var kw keyWordBuf
	kw.split(key)
	for kw.n > 0 {
		w := kw.word(kw.n - 1)
		if keySuffixWords[string(w)] || isAllDigits(w) {
			kw.n--
			continue
		}
		break
	}
	if kw.n == 0 {
		return keyClass{}
	}
	joined := kw.buf[:kw.end[kw.n-1]]
	var c keyClass
	// The AWS provider's own secret_key argument counts too; the value must
	// still have the exact AWS format.
	c.awsSecret = bytes.Contains(joined, []byte("secretaccesskey")) || bytes.HasSuffix(joined, []byte("secretkey")) ||
		(bytes.Contains(joined, []byte("aws")) && bytes.Contains(joined, []byte("secret")))
	for i := 0; i < kw.n; i++ {
		switch string(kw.word(i)) {
		case "public", "pub", "publishable":
			return c // public keys are meant to be shared
		}
	}
	last, prev := string(kw.word(kw.n-1)), ""
	if kw.n > 1 {
		prev = string(kw.word(kw.n - 2))
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
	c.hexKey = c.entropy && !(last == "key" && lookupKeyQualifiers[prev])
	return c
}

// lookupKeyQualifiers name keys that address data rather than unlock it
// (cache_key, partition_key, idempotency_key): a hash under them is a
// digest, not a credential.
var lookupKeyQualifiers = map[string]bool{
	"cache": true, "hash": true, "sort": true, "range": true, "partition": true, "primary": true, "foreign": true,
	"lookup": true, "idempotency": true, "dedup": true, "deduplication": true, "routing": true, "object": true,
	"map": true, "index": true, "row": true, "cursor": true, "group": true, "message": true, "state": true,
	"lock": true, "search": true, "join": true, "shard": true, "content": true, "file": true, "ordering": true,
}

// keyWordBuf holds a key split into lower-case words (snake, kebab, dotted
// and camelCase: db_password, clientSecret, APIKey), all in one buffer:
// word i is buf[start(i):end[i]].
type keyWordBuf struct {
	buf [maxKeyLen + 1]byte
	end [maxKeyLen + 1]uint8
	n   int
}

func (kw *keyWordBuf) word(i int) []byte {
	start := uint8(0)
	if i > 0 {
		start = kw.end[i-1]
	}
	return kw.buf[start:kw.end[i]]
}

func (kw *keyWordBuf) split(key string) {
	key = key[:min(len(key), maxKeyLen)]
	l := 0
	open := false
	flush := func() {
		if open {
			kw.end[kw.n] = uint8(l)
			kw.n++
			open = false
		}
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !isAlnum(c) {
			flush()
			continue
		}
		if 'A' <= c && c <= 'Z' && i > 0 {
			p := key[i-1]
			pLower := ('a' <= p && p <= 'z') || isDigit(p)
			pUpper := 'A' <= p && p <= 'Z'
			nLower := i+1 < len(key) && 'a' <= key[i+1] && key[i+1] <= 'z'
			if pLower || (pUpper && nLower) { // fooBar, APIKey
				flush()
			}
		}
		kw.buf[l] = lower(c)
		l++
		open = true
	}
	flush()
}

// keySuffixWords are trailing words that do not change what a key holds.
var keySuffixWords = map[string]bool{
	"wo": true, "value": true, "string": true, "plain": true, "plaintext": true, "literal": true, "raw": true,
	"prod": true, "production": true, "dev": true, "development": true, "staging": true, "stage": true,
	"test": true, "qa": true, "uat": true, "local": true, "old": true, "new": true, "primary": true,
	"secondary": true, "backup": true, "current": true, "next": true, "previous": true, "b64": true,
	"base64": true, "encoded": true, "hex": true, "v1": true, "v2": true, "v3": true,
}

func isAllDigits(w []byte) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return len(w) > 0
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
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
	if cls.password && (isLiteralSecret(v, quoted) || isPassphrase(v, quoted)) {
		return kindPassword, true
	}
	if cls.entropy && isHighEntropy(v) || cls.hexKey && isRandomHex(v) {
		return kindEntropy, true
	}
	return 0, false
}

// isRandomHex reports hex-encoded key material: 32 to 512 hex digits (at
// least 128 bits) of an even count, in one letter case, with both digits
// and letters, at least ten distinct digits and an entropy of at least 3.0
// bits per character (32 random hex digits fall below either bound about
// once in eight thousand draws). UUIDs, dashed ids and repeated or
// sequential runs fail these rules; digests are told apart by their key
// names, not by their shape, which is the same.
func isRandomHex(v string) bool {
	if len(v) < 32 || len(v) > 512 || len(v)%2 != 0 {
		return false
	}
	var upper, lower, digits bool
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			digits = true
		case 'a' <= c && c <= 'f':
			lower = true
		case 'A' <= c && c <= 'F':
			upper = true
		default:
			return false
		}
	}
	return digits && upper != lower && distinctBytes(v, 10) >= 10 && shannon(v) >= 3.0 && !placeholderBody(v, false)
}

// isAWSSecretValue matches the 40-character base64 alphabet of AWS secret
// access keys, excluding AWS's documented example key and placeholders.
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
	return up && lo && other && !placeholderBody(v, true)
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
	"pass": true, "pwd": true, "value": true, "name": true, "key": true,
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
	if strings.ContainsAny(v, "{}%") {
		for _, t := range []string{"${", "{{", "}}", "#{", "%{", "%(", "{%"} {
			if strings.Contains(v, t) {
				return true
			}
		}
	}
	switch lower(v[0]) {
	case 'a', 'p', 'e', '.', 'f', 'v', 'l', 'm', 'd':
		for _, p := range []string{"arn:", "projects/", "enc[", "./", "../", "file:", "vault:", "var.", "local.", "module.", "data."} {
			if hasPrefixFold(v, p) {
				return true
			}
		}
	}
	if len(v) > 1 && v[0] == '%' && v[len(v)-1] == '%' {
		return true
	}
	if strings.Contains(v, "://") && !strings.Contains(v, "@") {
		return true
	}
	if distinctBytes(v, 3) <= 2 { // ********, xxxx-xxxx, ####
		return true
	}
	if isEnvVarName(v) || (!quoted && (isReference(v) || strings.Contains(v, "("))) {
		return true
	}
	// A token's exact shape with a placeholder body, or AWS's documented
	// example keys.
	if tokenPlaceholder(v) || strings.Contains(v, "EXAMPLE") {
		return true
	}
	var buf [64]byte
	w := alnumLower(buf[:0], v)
	if placeholderWords[string(w)] || bytes.HasPrefix(w, []byte("your")) || bytes.HasPrefix(w, []byte("example")) ||
		bytes.HasPrefix(w, []byte("changeme")) || bytes.HasPrefix(w, []byte("replace")) || bytes.HasPrefix(w, []byte("insert")) {
		return true
	}
	// "…AccessTokenHere", "api_key_goes_here", "<your-password-here>"
	return len(w) < 64 && bytes.HasSuffix(w, []byte("here")) && hereWords.in(string(w))
}

// hereWords mark "…TokenHere"-style placeholders.
var hereWords = newFoldSet("token", "secret", "password", "pass", "key")

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

// isPassphrase matches passphrases of ordinary words, the kind password
// advice recommends ("correct-horse-battery-staple", or quoted with
// spaces): three to eight words of three or more letters, at least 15
// characters, none of them a function word or a placeholder word, so that
// prose ("must be at least twelve characters") and templates
// ("your-password-here") stay out. It is only asked under password-like
// keys.
func isPassphrase(v string, quoted bool) bool {
	if len(v) < 15 || len(v) > 128 {
		return false
	}
	seps := "-_."
	if quoted {
		seps += " "
	}
	words := 0
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if len(w) < 3 || len(w) > 16 || stopWords[strings.ToLower(w)] || placeholderWords[strings.ToLower(w)] {
			return false
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if !('a' <= c && c <= 'z') && !(i == 0 && 'A' <= c && c <= 'Z') {
				return false
			}
		}
		words++
	}
	return words >= 3 && words <= 8
}

// stopWords are function words that mark text as prose.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "you": true, "your": true, "are": true, "not": true, "this": true,
	"that": true, "with": true, "from": true, "here": true, "use": true, "set": true, "enter": true,
	"must": true, "should": true, "will": true, "can": true, "see": true, "our": true, "any": true,
	"all": true, "has": true, "have": true, "was": true, "were": true, "been": true, "into": true,
	"only": true, "then": true, "than": true, "when": true, "what": true, "which": true, "least": true,
	"goes": true, "put": true, "change": true, "min": true, "max": true, "chars": true, "characters": true,
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
	up, lo, dg, sym := classCounts(v)
	return btoi(up > 0) + btoi(lo > 0) + btoi(dg > 0) + btoi(sym > 0)
}

// shannon returns the Shannon entropy of v's bytes in bits per byte:
// log2(n) - sum(c*log2(c))/n over the byte counts c, with c*log2(c) from a
// table so that one logarithm is computed per call.
func shannon(v string) float64 {
	if len(v) == 0 {
		return 0
	}
	var counts [256]int32
	for i := 0; i < len(v); i++ {
		counts[v[i]]++
	}
	sum := 0.0
	for i := 0; i < len(v); i++ {
		c := &counts[v[i]]
		if *c > 0 {
			sum += cLog2c(int(*c))
			*c = 0
		}
	}
	n := float64(len(v))
	return math.Log2(n) - sum/n
}

var cLog2cTable = func() (t [maxValueLen + 1]float64) {
	for c := 2; c < len(t); c++ {
		t[c] = float64(c) * math.Log2(float64(c))
	}
	return t
}()

func cLog2c(c int) float64 {
	if c < len(cLog2cTable) {
		return cLog2cTable[c]
	}
	return float64(c) * math.Log2(float64(c))
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

// alnumLower appends the lower-cased letters and digits of s to dst, up to
// dst's capacity, without allocating.
func alnumLower(dst []byte, s string) []byte {
	for i := 0; i < len(s) && len(dst) < cap(dst); i++ {
		if c := s[i]; isAlnum(c) {
			dst = append(dst, lower(c))
		}
	}
	return dst
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// tokenPlaceholder reports a value that starts with a token family's prefix
// but whose body is a placeholder ("ghp_xxxx…", "AKIAXXXXXXXXXXXXXXXX"): it
// stands for a token, so it is not a literal secret either.
func tokenPlaceholder(v string) bool {
	if v == "" {
		return false
	}
	for _, i := range familiesByFirst[v[0]] {
		f := &tokenFamilies[i]
		if strings.HasPrefix(v, f.prefix) {
			return placeholderBody(v[len(f.prefix):], f.mixed)
		}
	}
	return false
}

// familiesByFirst indexes the token families by the first byte of their
// prefix, longer prefixes first.
var familiesByFirst = func() (t [256][]uint8) {
	for i, f := range tokenFamilies {
		t[f.prefix[0]] = append(t[f.prefix[0]], uint8(i))
	}
	for _, l := range t {
		slices.SortStableFunc(l, func(a, b uint8) int { return len(tokenFamilies[b].prefix) - len(tokenFamilies[a].prefix) })
	}
	return t
}()
