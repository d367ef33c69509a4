package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Samples beside the rules: every token family in tokenFamilies gets a true
// positive generated from its own row (prefix, body alphabet, length) and
// the placeholders the issue lists, so adding a row adds its cases. The
// generated tokens never appear whole in the source.

// alphabetOf lists the printable bytes a class accepts.
func alphabetOf(class func(byte) bool) string {
	var b []byte
	for c := byte(' '); c < 0x7f; c++ {
		if class(c) {
			b = append(b, c)
		}
	}
	return string(b)
}

// familySample builds a realistic token of family f.
func familySample(f tokenFamily, seed uint32) string {
	n := max(f.minBody, 36)
	if f.exact {
		n = f.minBody
	}
	alphabet := alphabetOf(f.body)
	if strings.ContainsAny(alphabet, "-_") && !f.exact {
		alphabet = alphabetOf(func(c byte) bool { return f.body(c) && isAlnum(c) }) // keep the body away from the edges' punctuation
	}
	if f.digits { // Slack: numeric team and user ids, then a random part
		return f.prefix + fake(seed, 10, "0123456789") + "-" + fake(seed+1, 13, "0123456789") + "-" + fake(seed+2, 24, alnum)
	}
	return f.prefix + fake(seed, n, alphabet)
}

// familyPlaceholders are token-shaped values that stand for a token.
func familyPlaceholders(f tokenFamily) map[string]string {
	n := max(f.minBody, 36)
	if f.exact {
		n = f.minBody
	}
	reps := n/19 + 1
	run := strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789", reps)[:n]
	upperRun := strings.Repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", reps)[:n]
	if f.body('a') == false || f.body == nil {
		run = upperRun
	}
	here := strings.Repeat("YourAccessTokenHere", reps)[:n]
	if !f.body('o') {
		here = strings.Repeat("YOURACCESSTOKENHERE", reps)[:n]
	}
	return map[string]string{
		"x run":          f.prefix + strings.Repeat("x", n),
		"X run":          f.prefix + strings.Repeat("X", n),
		"zeros":          f.prefix + strings.Repeat("0", n),
		"alphabet run":   f.prefix + run,
		"upper run":      f.prefix + upperRun,
		"example":        f.prefix + (strings.Repeat("EXAMPLE", reps*3) + "7")[:n],
		"token here":     f.prefix + here,
		"hashes":         f.prefix + strings.Repeat("#", n),
		"angle brackets": f.prefix + "<your-token>",
		"interpolation":  f.prefix + "${TOKEN}",
	}
}

func TestTokenFamiliesTruePositives(t *testing.T) {
	for i, f := range tokenFamilies {
		sample := familySample(f, uint32(100+i))
		t.Run(f.prefix, func(t *testing.T) {
			if f.source == "" || f.label == "" {
				t.Errorf("row lacks a source or label")
			}
			for _, text := range []string{sample, "value " + sample + " end", `x = "` + sample + `"`, sample + ".", "(" + sample + ")"} {
				got := SecretFindings(text)
				if len(got) != 1 || got[0].ID != f.id || got[0].Severity != f.severity || !strings.HasPrefix(got[0].Message, f.label+" on line 1 (") {
					t.Errorf("%q: got %+v, want one %s/%s labelled %q", text, got, f.id, f.severity, f.label)
				}
				assertNoSecretLeak(t, got, []string{sample[len(f.prefix):]})
			}
		})
	}
}

func TestTokenFamiliesPlaceholdersAndNearMisses(t *testing.T) {
	for i, f := range tokenFamilies {
		sample := familySample(f, uint32(200+i))
		t.Run(f.prefix, func(t *testing.T) {
			for name, p := range familyPlaceholders(f) {
				// Also under a secret-like key: a token-shaped placeholder is
				// not a literal password either.
				for _, text := range []string{p, `api_token = "` + p + `"`, "API_TOKEN=" + p} {
					if got := SecretFindings(text); len(got) != 0 {
						t.Errorf("%s %q: unexpected %v", name, text, ids(got))
					}
				}
			}
			// Glued to a word character, cut short, or with the prefix
			// misspelt, it is not this family's token.
			body := sample[len(f.prefix):]
			for name, text := range map[string]string{
				"glued before": "z" + sample,
				"too short":    f.prefix + body[:f.minBody-1],
				"bad prefix":   "Q" + f.prefix[1:] + body,
			} {
				for _, g := range SecretFindings(text) {
					if g.ID == f.id && strings.HasPrefix(g.Message, f.label+" ") {
						t.Errorf("%s %q: unexpected %s", name, text, g.Message)
					}
				}
			}
			if f.exact {
				if got := SecretFindings(sample + "Z"); slices.Contains(ids(got), f.id) {
					t.Errorf("over-long %q: unexpected %v", sample+"Z", ids(got))
				}
			}
		})
	}
}

// AWS's documented example key pair is not a secret (IAM User Guide,
// "Managing access keys for IAM users").
func TestAWSDocumentedExampleKeys(t *testing.T) {
	keyID := "AK" + "IAIOSFODNN7EXAMPLE"
	secret := "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
	text := "[default]\naws_access_key_id = " + keyID + "\naws_secret_access_key = " + secret + "\n"
	if got := SecretFindings(text); len(got) != 0 {
		t.Errorf("documented example keys: %v", ids(got))
	}
}

// wrappers put a key and a value in the syntaxes configuration and code
// use, the way gitleaks tests each rule.
var wrappers = []struct{ name, format string }{
	{"ini", "[default]\n%s = %s\n"},
	{"yaml", "app:\n  %s: %s\n"},
	{"json", `{"%s": "%s"}`},
	{"xml", "<config><%[1]s>%[2]s</%[1]s></config>"},
	{"hcl", "  %s = \"%s\"\n"},
	{"go", "\t%s := \"%s\"\n"},
	{"go var", "var %s string = \"%s\""},
	{"python", "%s = '%s'"},
	{"php", "$%s = \"%s\";"},
	{"shell export", "export %s=\"%s\""},
	{"makefile", "%s ?= %s\n"},
	{"dockerfile", "ENV %s=%s\n"},
	{"dotenv", "%s=%s\n"},
	{"url query", "https://api.example.com/v1/items?%s=%s&page=2"},
	{"comment", "# %s: %s\n"},
	{"call", "System.setProperty(\"%s\", \"%s\");"},
}

func TestSecretsInEveryWrapper(t *testing.T) {
	type sample struct {
		key, value, id, secret string
	}
	samples := []sample{{"db_password", "Tr0ub4dor_3x9", "secret.password_assignment", "Tr0ub4dor_3x9"}}
	for i, f := range tokenFamilies {
		v := familySample(f, uint32(300+i))
		samples = append(samples, sample{"deploy_credential", v, f.id, v[len(f.prefix):]})
	}
	samples = append(samples, sample{"app_jwt", jwtToken, "secret.jwt", jwtToken})
	for _, s := range samples {
		for _, w := range wrappers {
			text := fmt.Sprintf(w.format, s.key, s.value)
			got := SecretFindings(text)
			if len(got) != 1 || got[0].ID != s.id {
				t.Errorf("%s in %s: %q gave %v, want [%s]", s.id, w.name, text, ids(got), s.id)
				continue
			}
			assertNoSecretLeak(t, got, []string{s.secret})
		}
	}
}

func TestAssignmentSyntaxes(t *testing.T) {
	const pw = "Tr0ub4dor_3x9"
	positives := map[string]string{
		"go var":             `var dbPassword string = "` + pw + `"`,
		"go short":           `dbPassword := "` + pw + `"`,
		"typescript":         `const apiToken: string = "` + pw + `";`,
		"java":               `private static final String PASSWORD = "` + pw + `";`,
		"make ?=":            "DB_PASSWORD ?= " + pw,
		"make :=":            "DB_PASSWORD := " + pw,
		"make ::=":           "DB_PASSWORD ::= " + pw,
		"make :::=":          "DB_PASSWORD :::= " + pw,
		"make +=":            "DB_PASSWORD += " + pw,
		"php .=":             `$db_password .= "` + pw + `";`,
		"ruby hash rocket":   `:password => "` + pw + `"`,
		"java setProperty":   `System.setProperty("javax.net.ssl.keyStorePassword", "` + pw + `");`,
		"go Setenv":          `os.Setenv("API_TOKEN", "` + pw + `")`,
		"php define":         `define('DB_PASSWORD', '` + pw + `');`,
		"xml element":        "<password>" + pw + "</password>",
		"xml entry":          `<entry key="password" value="` + pw + `"/>`,
		"dotnet appSettings": `<add key="DbPassword" value="` + pw + `" />`,
		"spring property":    `<property name="db.password" value="` + pw + `"/>`,
		"k8s env":            "env:\n  - name: DB_PASSWORD\n    value: " + pw + "\n",
		"ecs environment":    `environment = [{ name = "DB_PASSWORD", value = "` + pw + `" }]`,
		"json name value":    `{"name": "DB_PASSWORD", "value": "` + pw + `"}`,
		"long flag":          "mysqladmin --password " + pw + " status",
		"long flag quoted":   `deploy --api-token "` + pw + `"`,
		"long flag equals":   "mysqladmin --password=" + pw + " status",
		"short -p":           "sshpass -p '" + pw + "' ssh admin@host",
		"docker login -p":    "docker login -u ci -p " + pw + " registry.example.com",
		"ado.net":            "Server=db;Database=app;User Id=app;Password=" + pw + ";",
		"jdbc query":         "jdbc:mysql://db:3306/app?user=app&password=" + pw,
		"suffix digits":      `some_api_token_123 = "` + pw + `"`,
		"suffix env":         `db_password_prod: "` + pw + `"`,
		"dockerfile arg":     "ARG NPM_TOKEN=" + pw,
		"yaml quoted":        `password: "` + pw + `"`,
		"env list":           "    environment:\n      - POSTGRES_PASSWORD=" + pw,
	}
	for name, text := range positives {
		got := SecretFindings(text)
		if len(got) != 1 || got[0].ID != "secret.password_assignment" {
			t.Errorf("%s: %q gave %v, want one password assignment", name, text, ids(got))
			continue
		}
		assertNoSecretLeak(t, got, []string{pw})
	}
	urls := map[string]string{
		"postgres":  "DATABASE_URL=postgres://app:" + pw + "@db.internal:5432/app",
		"mongodb":   `uri: "mongodb+srv://admin:` + pw + `@cluster0.example.net/?retryWrites=true"`,
		"redis":     "redis://:" + pw + "@cache:6379/0",
		"amqp yaml": "broker_url: amqp://guest:" + pw + "@rabbit:5672//",
	}
	for name, text := range urls {
		got := SecretFindings(text)
		if len(got) != 1 || got[0].ID != "secret.connection_string_password" || got[0].Severity != SeverityHigh {
			t.Errorf("%s: %q gave %v, want one connection-string password", name, text, ids(got))
			continue
		}
		assertNoSecretLeak(t, got, []string{pw})
	}
	negatives := map[string]string{
		"ssh port":             "ssh -p 2222 admin@host",
		"docker port":          "docker run -p 8080:80 nginx",
		"mkdir -p":             "mkdir -p /var/lib/app/data",
		"git log -p":           "git log -p main.go",
		"flag then flag":       "mysql --password --verbose",
		"comparisons":          "if token != expected {\nok := a <= b\nx = password == y",
		"url placeholder":      "postgres://app:${DB_PASSWORD}@db/app\nhttps://user:password@example.com/\nhttps://user:pass@host/x",
		"url without pass":     "git@github.com:org/repo.git\nhttps://deploy@example.com/repo\nmailto:ops@example.com",
		"url env":              "postgres://app:$DB_PASSWORD@db/app",
		"empty xml":            "<password></password>\n<password>${DB}</password>",
		"xml other element":    "<description>" + pw + "</description>",
		"other property":       `System.setProperty("java.home", "` + pw + `")`,
		"other env var":        "env:\n  - name: LOG_LEVEL\n    value: " + pw + "\n",
		"value without name":   `value = "` + pw + `"`,
		"passphrase elsewhere": "description = \"correct horse battery staple\"\nmotto: correct-horse-battery-staple",
		"password hint":        `password_hint = "correct horse battery staple"`,
		"prose passphrase":     "password: must-be-at-least-twelve\npassword = \"enter your password here\"\npassword: your-password-here\npassword: see-the-docs",
		"token placeholder":    `token = "gh` + `p_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`,
		"access token here":    `access_token = "YourAccessTokenHere"`,
	}
	for name, text := range negatives {
		if got := SecretFindings(text); len(got) != 0 {
			for _, f := range got {
				t.Errorf("%s: unexpected %s: %s", name, f.ID, f.Message)
			}
		}
	}
}

// Passphrases of ordinary words under secret-like keys are secrets; the
// same words under ordinary keys are not (TestAssignmentSyntaxes).
func TestPassphrases(t *testing.T) {
	for _, text := range []string{
		"db_password = correct-horse-battery-staple",
		`password: "correct horse battery staple"`,
		"API_TOKEN=violet_mountain_river_lantern",
		`"passphrase": "Orange Tiger Window Candle"`,
	} {
		got := SecretFindings(text)
		if len(got) != 1 || got[0].ID != "secret.password_assignment" {
			t.Errorf("%q: got %v, want one password assignment", text, ids(got))
		}
	}
}

// Hostile input is capped: at most MaxFindings findings, then one finding
// saying how many more there are, with their most severe severity.
func TestSecretFindingsCap(t *testing.T) {
	var b strings.Builder
	for i := range MaxFindings + 500 {
		fmt.Fprintf(&b, "key%d = %s\n", i, "gh"+"p_"+fake(uint32(1000+i), 36, alnum))
	}
	b.WriteString(`password = "hunter2!"` + "\n")
	got := SecretFindings(b.String())
	if len(got) != MaxFindings+1 {
		t.Fatalf("got %d findings, want %d", len(got), MaxFindings+1)
	}
	last := got[MaxFindings]
	if last.ID != "secret.more_findings" || last.Severity != SeverityCritical ||
		!strings.Contains(last.Message, "501 more findings") || !strings.Contains(last.Message, fmt.Sprintf("line %d", MaxFindings+1)) {
		t.Errorf("last finding %+v", last)
	}
	checkFindingShape(t, got)
}

// Every kind the scanner can report has a sample that produces it: the
// fixed kinds here, the token families from their own rows.
func TestEverySecretKindHasASample(t *testing.T) {
	fixed := map[secretKind]string{
		kindAWSSecret:      "aws_secret_access_key = " + awsSecret,
		kindSlackWebhook:   slackHook,
		kindPrivateKey:     pemKey,
		kindJWT:            jwtToken,
		kindURLPassword:    "postgres://app:Tr0ub4dor_3x9@db/app",
		kindPassword:       `password = "hunter2!"`,
		kindEntropy:        `encryption_key = "` + entropyValue + `"`,
		kindTerraformToken: tfcToken,
		kindAzureSecret:    `client_secret = "` + azureSecret + `"`,
	}
	for k := range kinds {
		kind := secretKind(k)
		text, ok := fixed[kind]
		if kind >= firstFamilyKind {
			text, ok = familySample(tokenFamilies[kind-firstFamilyKind], uint32(400+k)), true
		}
		if !ok {
			t.Errorf("kind %d (%s) has no sample", k, kinds[k].label)
			continue
		}
		got := SecretFindings(text)
		if len(got) != 1 || got[0].ID != kinds[k].id || !strings.HasPrefix(got[0].Message, kinds[k].label+" on line") {
			t.Errorf("kind %s: sample gave %+v", kinds[k].label, got)
		}
	}
}

// Slack's token kinds in the shapes gitleaks' rules describe (legacy
// workspace, legacy bot, legacy user/session, configuration access and
// refresh tokens), each with a near miss. The samples are built here so
// that no whole token appears in the source.
func TestSlackTokenShapes(t *testing.T) {
	digits := "0123456789"
	upper := "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	tests := []struct {
		name, token, nearMiss string
	}{
		{"legacy workspace xoxa", "xoxa-2-" + fake(501, 32, alnum), "xoxa-" + strings.Repeat("x", 32)},
		{"legacy workspace xoxr", "xoxr-" + fake(502, 40, alnum), "xoxr-your-workspace-token"},
		{"legacy bot", "xoxb-" + fake(503, 11, digits) + "-" + fake(504, 24, alnum), "xoxb-not-a-real-token-at-all"},
		{"bot", "xoxb-" + fake(505, 12, digits) + "-" + fake(506, 13, digits) + "-" + fake(507, 24, alnum), "xoxb-" + fake(505, 5, digits)},
		{"legacy workspace xoxo", "xoxo-" + fake(508, 10, digits) + "-" + fake(509, 10, digits) + "-" + fake(510, 12, digits) + "-" + fake(511, 32, "0123456789abcdef"), "xoxo-"},
		{"legacy session xoxs", "xoxs-" + fake(512, 10, digits) + "-" + fake(513, 10, digits) + "-" + fake(514, 12, digits) + "-" + fake(515, 64, "0123456789abcdef"), "xoxs-tokenvalue"},
		{"configuration access", "xoxe.xoxp-1-" + fake(516, 164, upper), "xoxe.xoxp-1-" + strings.Repeat("X", 164)},
		{"configuration access (bot)", "xoxe.xoxb-1-" + fake(517, 166, upper), "xoxe.xoxb-"},
		{"configuration refresh", "xoxe-1-" + fake(518, 146, upper), "zxoxe-1-" + fake(518, 146, upper)},
		{"user", "xoxp-" + fake(519, 11, digits) + "-" + fake(520, 11, digits) + "-" + fake(521, 12, digits) + "-" + fake(522, 32, "0123456789abcdef"), "xoxp-1-2-3"},
	}
	for _, tt := range tests {
		for _, text := range []string{tt.token, `slack_token = "` + tt.token + `"`} {
			got := SecretFindings(text)
			if len(got) != 1 || got[0].ID != "secret.slack_token" {
				t.Errorf("%s %q: got %v", tt.name, text, ids(got))
			}
			assertNoSecretLeak(t, got, []string{tt.token[5:]})
		}
		for _, g := range SecretFindings(tt.nearMiss) {
			if g.ID == "secret.slack_token" {
				t.Errorf("%s near miss %q: unexpected %s", tt.name, tt.nearMiss, g.Message)
			}
		}
	}
}

// Prefixes that end in '.' are found at the dot, and prose with those
// letters before a full stop is not a token.
func TestDotEndedPrefixes(t *testing.T) {
	vault := "hvs." + fake(530, 95, alnum)
	for _, text := range []string{vault, "token: " + vault + ".", "VAULT_TOKEN=" + vault} {
		if got := SecretFindings(text); len(got) != 1 || got[0].ID != "secret.vault_token" {
			t.Errorf("%q: got %v", text, ids(got))
		}
	}
	for _, text := range []string{"We use SG. Then pat. and sat. once.", "ends with hvs.", "dp.pt. is a prefix", "see dt0c01.md"} {
		if got := SecretFindings(text); len(got) != 0 {
			t.Errorf("%q: unexpected %v", text, ids(got))
		}
	}
}

// Tokens whose marker sits inside them: HCP Terraform API tokens
// ("<14>.atlasv1.<60-70>") and Entra ID client secrets ("<3><digit>Q~<31-34>").
var (
	tfcToken    = fake(540, 14, alnum) + ".atlas" + "v1." + fake(541, 67, alnum)
	azureSecret = fake(542, 3, alnum) + "8Q" + "~" + fake(543, 34, alnum+"_-.~")
)

func TestInfixMarkedTokens(t *testing.T) {
	for _, tt := range []struct{ text, want, secret string }{
		{tfcToken, "secret.terraform_cloud_token", tfcToken},
		{`token = "` + tfcToken + `"`, "secret.terraform_cloud_token", tfcToken},
		{"credentials \"app.terraform.io\" { token = \"" + tfcToken + "\" }", "secret.terraform_cloud_token", tfcToken},
		{azureSecret, "secret.azure_client_secret", azureSecret},
		{"ARM_CLIENT_SECRET=" + azureSecret, "secret.azure_client_secret", azureSecret},
		{"the secret is " + azureSecret + ".", "secret.azure_client_secret", azureSecret},
	} {
		got := SecretFindings(tt.text)
		if !slices.Equal(ids(got), []string{tt.want}) {
			t.Errorf("%q: got %v, want [%s]", tt.text, ids(got), tt.want)
		}
		assertNoSecretLeak(t, got, []string{tt.secret[4:]})
	}
	for _, nearMiss := range []string{
		fake(540, 13, alnum) + ".atlas" + "v1." + fake(541, 67, alnum), // 13 before the marker
		fake(540, 14, alnum) + ".atlas" + "v1." + fake(541, 40, alnum), // body too short
		"xxxxxxxxxxxxxx.atlas" + "v1." + strings.Repeat("x", 64),       // placeholder
		"see app.terraform.io and atlas" + "v1. for the format",        // prose
		fake(542, 3, alnum) + "8Q" + "~" + fake(543, 20, alnum),        // body too short
		fake(542, 3, alnum) + "8Q" + "~" + fake(543, 40, alnum),        // body too long
		fake(542, 3, alnum) + "xQ" + "~" + fake(543, 34, alnum),        // no digit before Q~
		"abc8Q~" + strings.Repeat("x", 34),                             // placeholder
		"path/to/~user and Q~ in prose",                                // prose
	} {
		if got := SecretFindings(nearMiss); len(got) != 0 {
			t.Errorf("%q: unexpected %v", nearMiss, ids(got))
		}
	}
}
