package detect

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Generated test credentials (see fake). Prefixes are split so the source
// never holds a complete token.
var (
	awsKeyID     = "AK" + "IA" + fake(1, 16, upperNum)
	awsTempKeyID = "AS" + "IA" + fake(2, 16, upperNum)
	awsSecret    = fake(3, 18, alnum) + "/" + fake(4, 12, alnum) + "+" + fake(5, 8, alnum)
	ghClassic    = "gh" + "p_" + fake(6, 36, alnum)
	ghServer     = "gh" + "s_" + fake(7, 36, alnum)
	ghFine       = "github" + "_pat_" + fake(8, 22, alnum) + "_" + fake(9, 59, alnum)
	glToken      = "gl" + "pat-" + fake(10, 20, alnum)
	slackBot     = "xo" + "xb-" + "2718281828-3141592653589-" + fake(11, 24, alnum)
	slackHook    = "https://hooks." + "slack.com/services/T" + fake(12, 8, upperNum) + "/B" + fake(13, 10, upperNum) + "/" + fake(14, 24, alnum)
	googleKey    = "AI" + "za" + fake(15, 35, alnum+"_-")
	stripeLive   = "sk" + "_live_" + fake(16, 24, alnum)
	stripeTest   = "sk" + "_test_" + fake(17, 24, alnum)
	stripeRestr  = "rk" + "_live_" + fake(18, 24, alnum)
	pemBody      = fake(19, 64, b64chars) + "\n" + fake(20, 64, b64chars) + "\n" + fake(21, 40, b64chars) + "==\n"
	pemKey       = "-----BEGIN RSA PRIVATE" + " KEY-----\n" + pemBody + "-----END RSA PRIVATE KEY-----"
	opensshKey   = "-----BEGIN OPENSSH PRIVATE" + " KEY-----\n" + pemBody + "-----END OPENSSH PRIVATE KEY-----"
	jwtToken     = b64url(`{"alg":"HS256","typ":"JWT"}`) + "." + b64url(`{"sub":"1234567890","name":"Jane","iat":1516239022}`) + "." + fake(22, 43, alnum+"_-")
	entropyValue = fake(23, 32, b64chars)
)

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestSecretFindingsTruePositives(t *testing.T) {
	tests := []struct {
		name, text string
		id         string
		severity   string
		line       int
	}{
		{"aws key id in HCL", `access_key = "` + awsKeyID + `"`, "secret.aws_access_key_id", SeverityHigh, 1},
		{"aws temp key id in user_data", "#!/bin/bash\nset -e\nexport AWS_ACCESS_KEY_ID=" + awsTempKeyID + "\n", "secret.aws_access_key_id", SeverityHigh, 3},
		{"aws secret in credentials file", "[default]\naws_secret_access_key = " + awsSecret + "\n", "secret.aws_secret_access_key", SeverityCritical, 2},
		{"aws secret as provider secret_key", "provider \"aws\" {\n  secret_key = \"" + awsSecret + "\"\n}", "secret.aws_secret_access_key", SeverityCritical, 2},
		{"github classic", "git clone https://" + ghClassic + "@github.com/org/repo.git", "secret.github_token", SeverityCritical, 1},
		{"github server token", "GITHUB_TOKEN: " + ghServer, "secret.github_token", SeverityCritical, 1},
		{"github fine-grained", "token=" + ghFine, "secret.github_token", SeverityCritical, 1},
		{"gitlab", "  gitlab_token: '" + glToken + "'", "secret.gitlab_token", SeverityCritical, 1},
		{"slack bot token", "SLACK_BOT=" + slackBot, "secret.slack_token", SeverityHigh, 1},
		{"slack webhook", "webhook_url = \"" + slackHook + "\"", "secret.slack_token", SeverityMedium, 1},
		{"google api key", `"apiKey": "` + googleKey + `"`, "secret.google_api_key", SeverityHigh, 1},
		{"stripe live", "STRIPE=" + stripeLive, "secret.stripe_key", SeverityCritical, 1},
		{"stripe restricted live", "key " + stripeRestr, "secret.stripe_key", SeverityCritical, 1},
		{"stripe test is low", "stripe_key: " + stripeTest, "secret.stripe_key", SeverityLow, 1},
		{"pem private key heredoc", "private_key = <<EOF\n" + pemKey + "\nEOF\n", "secret.private_key", SeverityCritical, 2},
		{"openssh key", opensshKey, "secret.private_key", SeverityCritical, 1},
		{"pem in JSON with escaped newlines", `{"private_key": "` + strings.ReplaceAll(pemKey, "\n", `\n`) + `"}`, "secret.private_key", SeverityCritical, 1},
		{"jwt bearer", "curl -H 'Authorization: Bearer " + jwtToken + "' https://api.example.com", "secret.jwt", SeverityMedium, 1},
		{"hcl password literal", `  password = "hunter2!"`, "secret.password_assignment", SeverityHigh, 1},
		{"yaml password", "db:\n  user: app\n  password: S3cr3t-Pa55\n", "secret.password_assignment", SeverityHigh, 3},
		{"env password", "DB_PASSWORD=Tr0ub4dor-3", "secret.password_assignment", SeverityHigh, 1},
		{"docker compose env list", "    environment:\n      - POSTGRES_PASSWORD=pg-Secret-42", "secret.password_assignment", SeverityHigh, 2},
		{"json api_key", `{"api_key": "d3adb33f-key"}`, "secret.password_assignment", SeverityHigh, 1},
		{"escaped json password", `"{\"username\":\"admin\",\"password\":\"p4ssw0rd99\"}"`, "secret.password_assignment", SeverityHigh, 1},
		{"go struct literal", `cfg := Config{Password: "n0t-a-var!"}`, "secret.password_assignment", SeverityHigh, 1},
		{"terraform write-only", `  password_wo = "S0mething-Literal"`, "secret.password_assignment", SeverityHigh, 1},
		{"camelCase client secret", `clientSecret: "abcd1234efgh"`, "secret.password_assignment", SeverityHigh, 1},
		{"access token in query", "GET /api?access_token=q8Zr2Lm1Xn4&page=2", "secret.password_assignment", SeverityHigh, 1},
		{"k8s secret data base64", "data:\n  password: cGFzc3dvcmQxMjM=\n", "secret.password_assignment", SeverityHigh, 2},
		{"high entropy encryption key", `encryption_key = "` + entropyValue + `"`, "secret.high_entropy", SeverityMedium, 1},
		{"high entropy credential", "SERVICE_CREDENTIALS=" + fake(24, 40, alnum), "secret.high_entropy", SeverityMedium, 1},
		{"go := assignment", `signingKey := "` + fake(25, 28, b64chars) + `"`, "secret.high_entropy", SeverityMedium, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SecretFindings(tt.text)
			if len(got) != 1 {
				t.Fatalf("got %d findings %v, want one %s", len(got), ids(got), tt.id)
			}
			f := got[0]
			if f.ID != tt.id || f.Severity != tt.severity || f.Line != tt.line || f.Index != -1 {
				t.Errorf("got %s/%s line %d index %d, want %s/%s line %d index -1", f.ID, f.Severity, f.Line, f.Index, tt.id, tt.severity, tt.line)
			}
			checkFindingShape(t, got)
		})
	}
}

func TestSecretFindingsTrueNegatives(t *testing.T) {
	sha256 := fake(30, 64, hexChars)
	sha1 := fake(31, 40, hexChars)
	tests := []struct{ name, text string }{
		{"prose", "Rotate the password every 90 days. The token: never share it. Keys are stored in KMS."},
		{"prose about secrets", "If you forgot your password: contact support. Secret: none of your business."},
		{"uuid", "id = \"f47ac10b-58cc-4372-a567-0e02b2c3d479\"\nrequest_id: 9b2f0c4e-1d2a-4b7e-8c3f-5a6b7c8d9e0f"},
		{"hex hashes", "source_code_hash = \"" + sha256 + "\"\netag = \"" + sha1 + "\"\ncache_key = \"" + sha256 + "\""},
		{"git commit ids", "commit " + sha1 + "\nMerge: " + sha1[:7] + " " + sha1[7:14] + "\nrevision = \"" + sha1 + "\""},
		{"base64 of text", "user_data_base64 = \"" + base64.StdEncoding.EncodeToString([]byte("#!/bin/bash\necho hello world from cloud-init")) + "\""},
		{"base64 of text under key name", "cache_key = \"" + base64.StdEncoding.EncodeToString([]byte("the quick brown fox jumps")) + "\""},
		{"ami ids", "ami = \"ami-0abcdef1234567890\"\nimage_key = \"ami-0123456789abcdef0\""},
		{"arns", "secret_arn = \"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf\"\nrole: arn:aws:iam::123456789012:role/app\nsecret = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-1a2b3c\""},
		{"urls without credentials", "endpoint = \"https://api.example.com/v1/items?page=2\"\ntoken_url: https://login.example.com/oauth2/token\nsecret = \"https://vault.example.com/v1/secret/data/app\""},
		{"terraform references", "password = var.db_password\npassword = random_password.db.result\ntoken = data.vault_generic_secret.app.data[\"token\"]\napi_key = local.api_key"},
		{"interpolations", "password = \"${var.db_password}\"\nsecret = \"${data.aws_secretsmanager_secret_version.x.secret_string}\"\ntoken: ${{ secrets.GITHUB_TOKEN }}\nPASSWORD=$DB_PASSWORD\nauth_token = \"{{ vault_token }}\""},
		{"placeholders", "password = \"\"\npassword = \"<password>\"\npassword: changeme\napi_key: YOUR_API_KEY\n\"password\": \"********\"\ntoken = \"xxxxxxxxxxxx\"\nsecret = \"REPLACE_ME\""},
		{"non-secret key names", "password_length = 16\nsecret_name = \"prod/db\"\ntoken_ttl = \"1h\"\nkms_key_id = \"alias/aws/s3\"\nkey_name = \"deployer-key\"\npassword_reset_required = true"},
		{"aws documentation key", "AWS_ACCESS_KEY_ID=AK" + "IAIOSFODNN7EXAMPLE"},
		{"slack placeholder", "SLACK_TOKEN=xo" + "xb-your-token-here"},
		{"stripe placeholder", "sk" + "_live_xxxxxxxxxxxxxxxxxxxxxxxx"},
		{"pem header in prose", "Paste the block that starts with -----BEGIN RSA PRIVATE KEY----- into the form."},
		{"public key", "-----BEGIN PUBLIC KEY-----\n" + pemBody + "-----END PUBLIC KEY-----\npublic_key = \"ssh-rsa " + fake(32, 60, b64chars) + " user@host\""},
		{"not a jwt", "eyJub3QiOiJhIGp3dCJ9 and eyJ" + fake(33, 20, alnum) + ".abc.def"},
		{"comparisons", "if password == \"\" {\nif token != nil {\nok := secret >= 3"},
		{"times and yaml", "started 12:30:45\nkey: value\nauth: true\ntoken_type: Bearer"},
		{"yaml tags", "MasterUserPassword: !Ref DbPassword\npassword: !Sub '{{resolve:secretsmanager:db}}'"},
		{"go field reference", "cfg := Config{Password: cfg.Password, Token: os.Getenv(\"TOKEN\")}"},
		{"compose example value", "POSTGRES_PASSWORD: example\nMYSQL_PASSWORD=postgres"},
		{"type annotations", "password: string;\ntoken: str = None\nsecret?: boolean"},
		{"function calls", "password = lookup(var.secrets, \"db\")\napi_key = get_api_key()"},
		{"env var names", "password_env: \"DB_PASSWORD\"\nvalueFrom: SECRET_TOKEN_NAME"},
		{"file paths", "secret_file = \"/run/secrets/db\"\npassword: /etc/app/password.txt"},
		{"url path with AKIA", "https://example.com/docs/AKIA-format"},
		{"sops encrypted", "password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SecretFindings(tt.text); len(got) != 0 {
				for _, f := range got {
					t.Errorf("unexpected %s: %s", f.ID, f.Message)
				}
			}
		})
	}
}

func TestSecretFindingsMostSpecificWins(t *testing.T) {
	tests := []struct{ text, want string }{
		{`token = "` + ghClassic + `"`, "secret.github_token"},
		{`password = "` + awsKeyID + `"`, "secret.aws_access_key_id"},
		{`api_key: "` + stripeLive + `"`, "secret.stripe_key"},
		{`auth_token = "` + jwtToken + `"`, "secret.jwt"},
		{"aws_secret_access_key=" + awsSecret, "secret.aws_secret_access_key"},
		{`private_key = "` + strings.ReplaceAll(pemKey, "\n", `\n`) + `"`, "secret.private_key"},
	}
	for _, tt := range tests {
		got := SecretFindings(tt.text)
		if len(got) != 1 || got[0].ID != tt.want {
			t.Errorf("%.30q…: got %v, want [%s]", tt.text, ids(got), tt.want)
		}
	}
}

func TestSecretFindingsMessageAndRedaction(t *testing.T) {
	text := "line one\nline two\naws_access_key_id = " + awsKeyID + "\n"
	got := SecretFindings(text)
	if len(got) != 1 {
		t.Fatalf("got %v", ids(got))
	}
	if want := "AWS access key id on line 3 (AKIA…)"; got[0].Message != want {
		t.Errorf("message %q, want %q", got[0].Message, want)
	}
	// Short secrets reveal fewer characters: a quarter of their length.
	got = SecretFindings(`password = "hunter2!"`)
	if len(got) != 1 || got[0].Message != "literal password or secret assignment on line 1 (hu…)" {
		t.Errorf("short secret message: %+v", got)
	}
}

func TestSecretFindingsMultipleInOrder(t *testing.T) {
	text := strings.Join([]string{
		"# config",
		"github: " + ghClassic,
		"aws: " + awsKeyID + " and " + googleKey,
		"",
		"password = \"hunter2!\"",
	}, "\r\n")
	got := SecretFindings(text)
	want := []string{"secret.github_token", "secret.aws_access_key_id", "secret.google_api_key", "secret.password_assignment"}
	if !slices.Equal(ids(got), want) {
		t.Fatalf("got %v, want %v", ids(got), want)
	}
	for i, line := range []int{2, 3, 3, 5} {
		if got[i].Line != line {
			t.Errorf("finding %d line %d, want %d", i, got[i].Line, line)
		}
	}
	secrets := []string{ghClassic, awsKeyID, googleKey, "hunter2!"}
	assertNoSecretLeak(t, got, secrets)
}

func assertNoSecretLeak(t *testing.T, fs []Finding, secrets []string) {
	t.Helper()
	for _, f := range fs {
		all := f.Message + "\x00" + f.Remediation + "\x00" + strings.Join(f.References, "\x00")
		for _, s := range secrets {
			for i := 0; i+5 <= len(s); i++ {
				if strings.Contains(all, s[i:i+5]) {
					t.Errorf("%s leaks %q of a secret: %q", f.ID, s[i:i+5], f.Message)
				}
			}
		}
	}
}

func TestSecretFindingsNoLeakAcrossKinds(t *testing.T) {
	secrets := []string{awsKeyID, awsTempKeyID, awsSecret, ghClassic, ghFine, glToken, slackBot, slackHook, googleKey,
		stripeLive, stripeTest, pemKey, jwtToken, entropyValue}
	var b strings.Builder
	for i, s := range secrets {
		fmt.Fprintf(&b, "item%d_credentials = \"%s\"\n", i, strings.ReplaceAll(s, "\n", `\n`))
	}
	got := SecretFindings(b.String())
	if len(got) != len(secrets) {
		t.Fatalf("got %d findings %v, want %d", len(got), ids(got), len(secrets))
	}
	// Check the secret material itself, not the fixed scheme and host of the
	// webhook URL or the PEM armour lines.
	secrets[7] = slackHook[strings.LastIndex(slackHook, "/")+1:]
	secrets[11] = strings.ReplaceAll(pemBody, "\n", `\n`)
	assertNoSecretLeak(t, got, secrets)
	checkFindingShape(t, got)
}

func TestSecretFindingsEmptyAndEdges(t *testing.T) {
	for _, s := range []string{"", "=", ":", "A", "J", "eyJ", "-----BEGIN ", "ghp_", "password=", "password: ", "\"password\":", `password = "unterminated`, "hooks.slack.com/services/", "\xff\xfe=\x00:"} {
		if got := SecretFindings(s); len(got) != 0 {
			t.Errorf("%q: unexpected %v", s, ids(got))
		}
	}
}

func TestKeyClassification(t *testing.T) {
	tests := []struct {
		key                       string
		aws, password, entropyKey bool
	}{
		{"password", false, true, true},
		{"DB_PASSWORD", false, true, true},
		{"PGPASSWORD", false, true, true},
		{"masterPassword", false, true, true},
		{"password_wo", false, true, true},
		{"secret_string", false, true, true},
		{"client-secret", false, true, true},
		{"APIKey", false, true, true},
		{"api_key", false, true, true},
		{"auth_token", false, true, true},
		{"aws_secret_access_key", true, false, true},
		{"SecretAccessKey", true, false, true},
		{"secret_key", true, false, true},
		{"encryption_key", false, false, true},
		{"credentials", false, false, true},
		{"password_length", false, false, false},
		{"secret_name", false, false, false},
		{"token_ttl", false, false, false},
		{"kms_key_id", false, false, false},
		{"public_key", false, false, false},
		{"bypass", false, false, false},
	}
	for _, tt := range tests {
		c := classifyKey(tt.key)
		if c.awsSecret != tt.aws || c.password != tt.password || c.entropy != tt.entropyKey {
			t.Errorf("classifyKey(%q) = %+v, want aws=%v password=%v entropy=%v", tt.key, c, tt.aws, tt.password, tt.entropyKey)
		}
	}
}

func TestHighEntropy(t *testing.T) {
	// Random base62/base64 values of 20+ characters should nearly always pass.
	r := rand.New(rand.NewPCG(1, 2))
	miss := 0
	for i := 0; i < 1000; i++ {
		b := make([]byte, 20+r.IntN(40))
		for j := range b {
			b[j] = b64chars[r.IntN(len(b64chars))]
		}
		if !isHighEntropy(string(b)) {
			miss++
		}
	}
	if miss > 30 {
		t.Errorf("%d of 1000 random values missed", miss)
	}
	for _, v := range []string{
		"my_database_connection_name", "MyDatabaseConnectionName", fake(40, 40, hexChars),
		"f47ac10b-58cc-4372-a567-0e02b2c3d479", "ami-0abcdef1234567890", "short1A!",
		base64.StdEncoding.EncodeToString([]byte("ordinary text, nothing secret")),
	} {
		if isHighEntropy(v) {
			t.Errorf("isHighEntropy(%q) = true", v)
		}
	}
}

func TestSecretFindingsConcurrent(t *testing.T) {
	text := mixedText(64 << 10)
	want := SecretFindings(text)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := SecretFindings(text); len(got) != len(want) {
				t.Errorf("concurrent run found %d, want %d", len(got), len(want))
			}
		}()
	}
	wg.Wait()
}

func TestSecretFindingsMixedTextCount(t *testing.T) {
	// mixedText plants exactly one known secret per block.
	text := mixedText(1 << 20)
	got := SecretFindings(text)
	if want := strings.Count(text, "# block "); len(got) != want {
		seen := map[string]int{}
		for _, f := range got {
			seen[f.ID]++
		}
		t.Errorf("got %d findings (%v), want %d", len(got), seen, want)
	}
}

// mixedText builds about size bytes of realistic configuration and prose:
// Terraform, JSON policies, YAML, shell, logs, hashes and base64 blobs, with
// one planted secret in each block.
func mixedText(size int) string {
	planted := []string{
		"aws_access_key_id = " + awsKeyID,
		`  password = "hunter2!"`,
		"GITHUB_TOKEN=" + ghClassic,
		"webhook: " + slackHook,
		`"private_key": "` + strings.ReplaceAll(pemKey, "\n", `\n`) + `"`,
		"Authorization: Bearer " + jwtToken,
		`encryption_key = "` + entropyValue + `"`,
		"stripe: " + stripeLive,
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "# block %d\n", i)
		b.WriteString(`resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
  password      = var.db_password
  tags = {
    Name = "web-${var.env}"
    Owner = "platform-team@example.com"
  }
}
`)
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::my-bucket/*"}]}` + "\n")
		b.WriteString("The shared responsibility model divides security duties between the provider and the customer. " +
			"Customers patch guest operating systems, configure firewalls and manage identities; providers secure facilities.\n")
		fmt.Fprintf(&b, "2026-01-05T10:00:%02dZ INFO request_id=%s status=200 latency_ms=%d path=/api/v1/items\n", i%60,
			"f47ac10b-58cc-4372-a567-0e02b2c3d479", i%500)
		fmt.Fprintf(&b, "sha256:%s  commit %s\n", fake(uint32(i), 64, hexChars), fake(uint32(i+7), 40, hexChars))
		b.WriteString("user_data_base64: " + base64.StdEncoding.EncodeToString([]byte("#!/bin/bash\nyum -y update\nsystemctl start nginx\n")) + "\n")
		b.WriteString("db:\n  host: db.internal\n  port: 5432\n  user: app\n  password: ${DB_PASSWORD}\n")
		b.WriteString(planted[i%len(planted)] + "\n")
	}
	return b.String()
}

func BenchmarkSecretFindings(b *testing.B) {
	text := mixedText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		SecretFindings(text)
	}
}

func FuzzSecretFindings(f *testing.F) {
	for _, s := range []string{
		"", "password = \"hunter2!\"", "aws_access_key_id = " + awsKeyID, ghClassic, slackHook, pemKey, jwtToken,
		"token=" + ghFine, "DB_PASSWORD=Tr0ub4dor-3", `{\"password\":\"p4ssw0rd99\"}`, "key: value", googleKey,
		`encryption_key = "` + entropyValue + `"`, "aws_secret_access_key=" + awsSecret, "xo" + "xp-1-2-3-4-5-6-7-8-9",
		"-----BEGIN PRIVATE KEY-----", "eyJhbGciOiJub25lIn0.e30.x", "password := \"ab\"", stripeTest, glToken,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := SecretFindings(text)
		matches := scanSecrets(text)
		if len(got) != len(matches) {
			t.Fatalf("%d findings for %d matches", len(got), len(matches))
		}
		prevEnd := 0
		for i, m := range matches {
			if m.start < prevEnd || m.end <= m.start || m.end > len(text) {
				t.Fatalf("match %d [%d,%d) overlaps or is out of range", i, m.start, m.end)
			}
			prevEnd = m.end
			secret := text[m.start:m.end]
			f := got[i]
			info := kinds[m.kind]
			if f.ID != info.id || f.Remediation != info.fix || !slices.Equal(f.References, info.refs) {
				t.Fatalf("finding %d is not the fixed text of its kind: %+v", i, f)
			}
			// Message = fixed label and line, plus a hint of at most four
			// characters that is a prefix of the secret.
			head := fmt.Sprintf("%s on line %d (", info.label, f.Line)
			hint, ok := strings.CutPrefix(f.Message, head)
			hint, ok2 := strings.CutSuffix(hint, "…)")
			if !ok || !ok2 || len(hint) > 4 || !strings.HasPrefix(secret, hint) {
				t.Fatalf("message %q does not have the redacted form (secret starts %q)", f.Message, secret[:min(4, len(secret))])
			}
			if strings.Contains(f.Message, secret) && !strings.Contains(head, secret) && len(secret) > len(hint) {
				t.Fatalf("message %q contains the secret", f.Message)
			}
			if wantLine := strings.Count(text[:m.start], "\n") + 1; f.Line != wantLine {
				t.Fatalf("line %d, want %d", f.Line, wantLine)
			}
		}
	})
}
