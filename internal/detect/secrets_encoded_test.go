package detect

import (
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

// randomBytes is deterministic key material for the encoded-credential
// cases.
func randomBytes(seed uint32, n int) []byte {
	return []byte(fake(seed, n, string(func() []byte {
		b := make([]byte, 256)
		for i := range b {
			b[i] = byte(i)
		}
		return b
	}())))
}

// Generic credentials whose bodies are hex or base64 key material, under
// the names such keys go by, and the near misses that share their shape:
// digests, lookup keys, ids, public keys, encoded text.
func TestEncodedCredentials(t *testing.T) {
	hex32 := hex.EncodeToString(randomBytes(801, 16))
	hex64 := hex.EncodeToString(randomBytes(802, 32))
	hex40 := strings.ToUpper(hex.EncodeToString(randomBytes(803, 20)))
	b64 := base64.StdEncoding.EncodeToString(randomBytes(804, 32))
	b64url := base64.RawURLEncoding.EncodeToString(randomBytes(805, 32))
	report := []struct{ text, want string }{
		{`session_key = "` + hex32 + `"`, "secret.high_entropy"},
		{"encryption_key: " + hex64, "secret.high_entropy"},
		{"SIGNING_KEY=" + hex40, "secret.high_entropy"},
		{`master_key = "` + hex64 + `"`, "secret.high_entropy"},
		{"secret_key: " + hex64, "secret.high_entropy"},
		{`"auth": "` + hex64 + `"`, "secret.high_entropy"},
		{`credentials = "` + hex32 + `"`, "secret.high_entropy"},
		{`encryption_key = "` + b64 + `"`, "secret.high_entropy"},
		{"SESSION_KEY=" + b64url, "secret.high_entropy"},
		{`hmac_key = "` + b64 + `"`, "secret.high_entropy"},
		{`password = "` + b64 + `"`, "secret.password_assignment"},
		{`password = "` + hex64 + `"`, "secret.password_assignment"},
		{"client_secret: " + hex64, "secret.password_assignment"},
		{`api_token = "` + b64url + `"`, "secret.password_assignment"},
	}
	for _, tt := range report {
		got := SecretFindings(tt.text)
		if !slices.Equal(ids(got), []string{tt.want}) {
			t.Errorf("%q: got %v, want [%s]", tt.text, ids(got), tt.want)
		}
		assertNoSecretLeak(t, got, []string{hex32, hex64, hex40, b64, b64url})
	}
	uuid := "0f8fad5b-d9cb-469f-a165-70867728950e"
	text := base64.StdEncoding.EncodeToString([]byte("this is ordinary text, not a key at all"))
	for _, nearMiss := range []string{
		`cache_key = "` + hex64 + `"`,                                      // a lookup key
		`partition_key = "` + hex32 + `"`,                                  // a lookup key
		`idempotency_key = "` + hex32 + `"`,                                // a lookup key
		`sha256 = "` + hex64 + `"`,                                         // a digest
		`source_code_hash = "` + b64 + `"`,                                 // a digest
		`checksum = "` + hex64 + `"`,                                       // a digest
		`commit = "` + hex64[:40] + `"`,                                    // a revision
		`etag = "` + hex32 + `"`,                                           // a version
		`key_id = "` + hex32 + `"`,                                         // an id
		`fingerprint = "` + hex32 + `"`,                                    // an id
		`public_key = "` + b64 + `"`,                                       // public
		`session_key = "` + uuid + `"`,                                     // a UUID
		`session_key = "` + hex32[:30] + `"`,                               // under 128 bits
		`session_key = "` + hex64[:63] + `"`,                               // odd length
		`session_key = "` + strings.Repeat("deadbeef", 8) + `"`,            // repeated
		`session_key = "` + strings.Repeat("0123456789abcdef", 4) + `"`,    // sequential
		`session_key = "` + hex32[:16] + strings.ToUpper(hex32[16:]) + `"`, // mixed case is not an encoder's output
		`encryption_key = "` + text + `"`,                                  // encoded text
		`encryption_key = "` + b64[:16] + `"`,                              // too short
		`encryption_key = "` + strings.Repeat("A", 43) + `="`,              // one character
	} {
		if got := SecretFindings(nearMiss); len(got) != 0 {
			t.Errorf("%q: unexpected %v", nearMiss, ids(got))
		}
	}
}

// The rules keep their promise on random key material: at least 99% of
// random 128-bit hex keys and 256-bit base64 keys are reported.
func TestEncodedCredentialsDetectionRate(t *testing.T) {
	const n = 2000
	hexHits, b64Hits := 0, 0
	for i := range n {
		raw := randomBytes(uint32(10_000+i), 32)
		if len(SecretFindings(`session_key = "`+hex.EncodeToString(raw[:16])+`"`)) == 1 {
			hexHits++
		}
		if len(SecretFindings(`encryption_key = "`+base64.StdEncoding.EncodeToString(raw)+`"`)) == 1 {
			b64Hits++
		}
	}
	if hexHits*100 < n*99 || b64Hits*100 < n*99 {
		t.Errorf("hex %d/%d, base64 %d/%d reported", hexHits, n, b64Hits, n)
	}
}
