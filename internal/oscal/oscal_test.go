package oscal

import (
	"regexp"
	"testing"
)

func TestUUIDv5_RFCVector(t *testing.T) {
	// The DNS namespace of RFC 4122 appendix C and the name
	// "www.example.com" give 2ed6657d-e927-568b-95e1-2665a8aea6a2 in every
	// RFC 4122 implementation (Python's uuid.uuid5 among them).
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got := uuidV5(dns, "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuidV5 = %s", got)
	}
	a, b := NameUUID("finding", "a"), NameUUID("finding", "a")
	if a != b || a == NameUUID("finding", "b") || a == NameUUID("findinga") {
		t.Errorf("NameUUID is not a function of its parts: %s %s", a, b)
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(a) {
		t.Errorf("%s is not a version 5 UUID", a)
	}
}

func TestToken(t *testing.T) {
	for in, want := range map[string]string{
		"encryption.at_rest": "encryption.at_rest",
		"my control":         "my_control",
		"1st-check":          "_1st-check",
		"":                   "_",
		"a/b:c":              "a_b_c",
		"contrôle":           "contrôle",
	} {
		if got := Token(in); got != want {
			t.Errorf("Token(%q) = %q, want %q", in, got, want)
		}
	}
}
