// Package oscal exports the shared responsibility model and workload findings
// as NIST OSCAL 1.1.3 JSON documents: a component definition (the matrix and
// the control catalog: one component per service model, every catalog
// control an implemented requirement that says which side implements it) and
// assessment results (each finding of a report an OSCAL finding with its
// observation, and each waiver a risk whose deviation was approved).
//
// The documents follow the OSCAL 1.1.3 models (https://pages.nist.gov/OSCAL/
// resources/concepts/layer/implementation/component-definition/ and
// .../layer/assessment/assessment-results/) and validate against NIST's
// published JSON schema (testdata/README.md says which file and where it was
// read). The package knows nothing of Terraform.
//
// Every identifier is a name-based UUID (RFC 4122 version 5) computed from the
// subject it names, so the same input always gives the same UUIDs; the only
// values that differ between runs are the timestamps, which the caller passes.
package oscal

//go:generate go run ./cmd/genguide -o ../../templates/guides/oscal-exports.md.tmpl

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Version is the OSCAL version the documents conform to.
const Version = "1.1.3"

// Namespace is the URI of the properties this package defines (responsibility,
// owner, domain, framework references, ...). OSCAL requires a property whose
// name is not one of NIST's to carry its own namespace ("ns").
const Namespace = "https://github.com/shared-responsibility/terraform-provider-srm/ns/oscal"

// ToolName and ToolURI name the tool that writes the documents.
const (
	ToolName = "terraform-provider-srm"
	ToolURI  = "https://github.com/shared-responsibility/terraform-provider-srm"
)

// Role ids of the two sides of the shared responsibility model, as metadata
// roles that responsible-roles and findings refer to.
const (
	RoleProvider = "provider"
	RoleCustomer = "customer"
)

// Responsibility values: who implements a control, from the matrix owner of
// its domain under a service model.
const (
	ResponsibilityProvider = "provider-implemented"
	ResponsibilityShared   = "shared"
	ResponsibilityCustomer = "customer-configured"
)

// Responsibility maps a matrix owner ("provider", "customer", "shared") to
// the responsibility value of the documents; "" for anything else.
func Responsibility(owner string) string {
	switch owner {
	case RoleProvider:
		return ResponsibilityProvider
	case RoleCustomer:
		return ResponsibilityCustomer
	case ResponsibilityShared:
		return ResponsibilityShared
	}
	return ""
}

// namespaceUUID is the RFC 4122 namespace of every UUID this package derives
// (itself a random version 4 UUID, fixed once).
var namespaceUUID = [16]byte{0x5c, 0x0e, 0x4f, 0x71, 0x2b, 0x8a, 0x4d, 0x3e, 0x9f, 0x26, 0x61, 0xd4, 0x0b, 0x7a, 0xc3, 0x58}

// NameUUID returns the version 5 (SHA-1, name-based) UUID of a name in the
// package's namespace (RFC 4122 §4.3), in the lower-case textual form.
func NameUUID(parts ...string) string {
	return uuidV5(namespaceUUID, strings.Join(parts, "\x00"))
}

// uuidV5 is RFC 4122 §4.3 with SHA-1.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	s := hex.EncodeToString(u[:])
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// digest is the hex SHA-256 of v's JSON encoding: the content a document's
// UUID and version are derived from.
func digest(v any) (string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:]), nil
}

// Timestamp renders t as OSCAL's date-time-with-timezone, in UTC to the
// second. OSCAL's pattern accepts years 1900-2999 only.
func Timestamp(t time.Time) (string, error) {
	if t.IsZero() {
		return "", fmt.Errorf("the timestamp is not set; pass the time the document describes")
	}
	u := t.UTC()
	if u.Year() < 1900 || u.Year() > 2999 {
		return "", fmt.Errorf("the timestamp %s is outside the years 1900-2999 that OSCAL accepts", u.Format(time.RFC3339))
	}
	return u.Format(time.RFC3339), nil
}

// Encode writes a document as indented JSON with a trailing newline, without
// HTML escaping: every JSON document the project writes (the report
// package's included) goes through it.
func Encode(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// The OSCAL objects both documents share. Only the fields written here are
// declared; the schema forbids any other.

// Property is an OSCAL prop: a name, value pair in a namespace, with an
// optional class that qualifies it (the framework of a reference).
type Property struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Class   string `json:"class,omitempty"`
	Value   string `json:"value"`
	Remarks string `json:"remarks,omitempty"`
}

// prop is a property in the package's namespace, its value on one line
// (OSCAL's string type has no line breaks and no surrounding blanks).
func prop(name, value string) Property {
	return Property{Name: name, NS: Namespace, Value: oneLine(value)}
}

// nonEmpty drops the properties without a value, which OSCAL forbids.
func nonEmpty(ps []Property) []Property {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Value != "" {
			out = append(out, p)
		}
	}
	return out
}

// oneLine joins a text's words with single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Token turns an id into an OSCAL token (an XML NCName: a letter or "_",
// then letters, digits, ".", "-" and "_"), replacing every other character
// with "_". Catalog control ids are tokens already and come back unchanged.
func Token(s string) string {
	var b strings.Builder
	for i, r := range s {
		ok := unicode.IsLetter(r) || r == '_' || (i > 0 && (unicode.IsDigit(r) || r == '.' || r == '-'))
		if !ok {
			if i == 0 && (unicode.IsDigit(r) || r == '.' || r == '-') {
				b.WriteRune('_')
				b.WriteRune(r)
				continue
			}
			r = '_'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// Link is an OSCAL link.
type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

// Role is a metadata role.
type Role struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Party is a metadata party: a person or organization.
type Party struct {
	UUID    string     `json:"uuid"`
	Type    string     `json:"type"`
	Name    string     `json:"name,omitempty"`
	Props   []Property `json:"props,omitempty"`
	Remarks string     `json:"remarks,omitempty"`
}

// ResponsibleParty assigns parties to a role in metadata.
type ResponsibleParty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

// ResponsibleRole names a role responsible for something, with what the role
// does in its remarks.
type ResponsibleRole struct {
	RoleID     string     `json:"role-id"`
	Props      []Property `json:"props,omitempty"`
	Links      []Link     `json:"links,omitempty"`
	PartyUUIDs []string   `json:"party-uuids,omitempty"`
	Remarks    string     `json:"remarks,omitempty"`
}

// Metadata is a document's metadata.
type Metadata struct {
	Title              string             `json:"title"`
	LastModified       string             `json:"last-modified"`
	Version            string             `json:"version"`
	OSCALVersion       string             `json:"oscal-version"`
	Props              []Property         `json:"props,omitempty"`
	Links              []Link             `json:"links,omitempty"`
	Roles              []Role             `json:"roles,omitempty"`
	Parties            []Party            `json:"parties,omitempty"`
	ResponsibleParties []ResponsibleParty `json:"responsible-parties,omitempty"`
	Remarks            string             `json:"remarks,omitempty"`
}

// Resource is a back-matter resource: a document the content cites.
type Resource struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Props       []Property `json:"props,omitempty"`
	RLinks      []RLink    `json:"rlinks,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

// RLink is where a back-matter resource can be read.
type RLink struct {
	Href string `json:"href"`
}

// BackMatter holds the resources a document cites.
type BackMatter struct {
	Resources []Resource `json:"resources,omitempty"`
}

// sideRoles are the metadata roles of both documents.
func sideRoles() []Role {
	return []Role{
		{ID: RoleProvider, Title: "Cloud service provider",
			Description: "Operates the cloud service: its facilities, hardware, network and the layers the service model puts on its side."},
		{ID: RoleCustomer, Title: "Cloud customer",
			Description: "Uses the cloud service and configures what the service model leaves to it: identities, data, network rules and workload settings."},
	}
}

// toolParty is the organization whose tool wrote the document.
func toolParty() Party {
	return Party{UUID: NameUUID("party", "tool", ToolName), Type: "organization", Name: ToolName,
		Remarks: "The tool that wrote this document: " + ToolURI}
}
