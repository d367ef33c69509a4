package model

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Each reference the catalog audit corrected: the id the control must cite
// and the ids it must no longer cite. The comments give what the framework's
// text says (NIST from the OSCAL catalogue, CIS from the Controls Assessment
// Specification, CCM from the v4 control list).
func TestCorrectedReferences(t *testing.T) {
	cases := []struct {
		control, framework string
		want, gone         []string
	}{
		// CIS 5.4 is dedicated admin accounts; 6.8 is role-based access control.
		{"identity.iam_policy_json", "cis_controls_v8", []string{"6.8"}, []string{"5.4"}},
		// CEK-10 is key generation; CEK-08 is the customer's key management capability.
		{"encryption.customer_managed_key", "csa_ccm_v4", []string{"CEK-08"}, []string{"CEK-10"}},
		// CIS 5.2 is unique passwords; IA-5(1) has no periodic change in Rev. 5,
		// IA-5 item f refreshes authenticators; PCI 8.3.9 and 8.6.3 change passwords.
		{"encryption.secret_rotation_days", "cis_controls_v8", nil, []string{"5.2"}},
		{"encryption.secret_rotation_days", "nist_800_53_r5", []string{"IA-5"}, []string{"IA-5(1)"}},
		{"encryption.secret_rotation_days", "pci_dss_v4", []string{"8.3.9", "8.6.3"}, nil},
		// CIS 6.3 is MFA for external apps; 16.10 and 16.11 are secure design and vetted modules.
		{"application.authentication", "cis_controls_v8", []string{"16.10", "16.11"}, []string{"6.3"}},
		// AC-6 is least privilege; AC-3 is access enforcement.
		{"application.api_authorization", "nist_800_53_r5", []string{"AC-3"}, []string{"AC-6"}},
		// CIS 7.4 is application patching; 16.4 and 16.5 are third-party components.
		{"application.dependency_scanning", "cis_controls_v8", []string{"16.4", "16.5"}, []string{"7.4"}},
		{"application.dependency_scanning", "pci_dss_v4", []string{"6.3.2"}, nil},
		// Input validation had no references at all.
		{"application.input_validation", "nist_800_53_r5", []string{"SI-10"}, nil},
		{"application.input_validation", "cis_controls_v8", []string{"16.10"}, nil},
		{"application.input_validation", "pci_dss_v4", []string{"6.2.4"}, nil},
		{"application.input_validation", "csa_ccm_v4", []string{"AIS-05"}, nil},
		// AU-9, LOG-04 and LOG-09 protect logs; AU-11, AU-4 and LOG-02 keep them.
		{"logging.retention_days", "nist_800_53_r5", []string{"AU-11", "AU-4"}, []string{"AU-9"}},
		{"logging.retention_days", "csa_ccm_v4", []string{"LOG-02"}, []string{"LOG-04", "LOG-09"}},
		// A.8.14 is redundancy of facilities; A.8.13 is information backup.
		{"backup.cross_region", "iso_27001_2022", []string{"A.8.13"}, []string{"A.8.14"}},
		// BCR-09 is the disaster response plan; BCR-08 verifies restoration from backup.
		{"backup.restore_tested", "csa_ccm_v4", []string{"BCR-08"}, []string{"BCR-09"}},
		// CIS 11.2 is backup frequency, not retention.
		{"backup.retention_days", "cis_controls_v8", nil, []string{"11.2"}},
		// PCI 1.3.1 is inbound to the CDE; 1.4.4 keeps stored data off untrusted networks.
		{"storage.public_access", "pci_dss_v4", []string{"1.4.4"}, []string{"1.3.1"}},
		// PCI 1.3.2 is outbound traffic.
		{"network.ingress_rules", "pci_dss_v4", []string{"1.3.1"}, []string{"1.3.2"}},
		{"secrets_scan", "pci_dss_v4", []string{"8.6.2"}, nil},
		{"hardening.runtime_protection", "cis_controls_v8", []string{"10.1", "13.7"}, nil},
		{"hardening.runtime_protection", "nist_800_53_r5", []string{"SI-3"}, nil},
		{"hardening.runtime_protection", "iso_27001_2022", []string{"A.8.7"}, nil},
		{"storage.public_access", "cis_controls_v8", []string{"3.3"}, nil},
		{"storage.bucket_policy_json", "cis_controls_v8", []string{"3.3"}, nil},
		{"storage.acl", "cis_controls_v8", []string{"3.3"}, nil},
	}
	m := Default()
	for _, tc := range cases {
		c, ok := m.Control(tc.control)
		if !ok {
			t.Fatalf("control %q missing", tc.control)
		}
		ids := c.Frameworks[tc.framework]
		for _, id := range tc.want {
			if !slices.Contains(ids, id) {
				t.Errorf("%s %s = %v, want it to cite %q", tc.control, tc.framework, ids, id)
			}
		}
		for _, id := range tc.gone {
			if slices.Contains(ids, id) {
				t.Errorf("%s %s = %v, still cites %q", tc.control, tc.framework, ids, id)
			}
		}
	}
}

func TestEveryControlHasReferences(t *testing.T) {
	for _, c := range Default().Controls {
		n := 0
		for _, ids := range c.Frameworks {
			n += len(ids)
		}
		if n == 0 {
			t.Errorf("control %q cites no framework", c.ID)
		}
	}
}

func TestPCIFrameworkIsVersion401(t *testing.T) {
	for _, f := range Default().Frameworks {
		if f.ID == "pci_dss_v4" && f.Name != "PCI DSS v4.0.1" {
			t.Errorf("pci_dss_v4 is named %q, want PCI DSS v4.0.1 (v4.0 was retired at the end of 2024)", f.Name)
		}
	}
	for _, c := range Default().Controls {
		for b, r := range c.Rules {
			for _, s := range r.Sources {
				if strings.HasPrefix(s, "PCI DSS v4.0 ") {
					t.Errorf("%s/%s cites %q: cite PCI DSS v4.0.1", c.ID, b, s)
				}
			}
		}
	}
}

func TestKnownIDsRefuseATypo(t *testing.T) {
	m := Default()
	broken := &Model{matrixFile: m.matrixFile, catalogFile: m.catalogFile, known: m.known, vendors: m.vendors, consensusInfo: m.consensusInfo}
	broken.Controls = slices.Clone(m.Controls)
	at := broken.Controls[slices.IndexFunc(broken.Controls, func(c Control) bool { return c.ID == "encryption.at_rest" })]
	at.Frameworks = map[string][]string{"nist_800_53_r5": {"SC-28(11)"}, "csa_ccm_v4": {"CEK-3"}, "iso_27001_2022": {"A.8.35"}}
	broken.Controls[slices.IndexFunc(broken.Controls, func(c Control) bool { return c.ID == "encryption.at_rest" })] = at
	broken.index()
	err := broken.Validate()
	if err == nil {
		t.Fatal("a typo in a reference validated")
	}
	for _, want := range []string{
		`control "encryption.at_rest" cites nist_800_53_r5 "SC-28(11)", which is not a known nist_800_53_r5 id; did you mean "SC-28(1)"`,
		`cites csa_ccm_v4 "CEK-3"`,
		`cites iso_27001_2022 "A.8.35"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestKnownIDListsCiteTheirSource(t *testing.T) {
	m := Default()
	wantSizes := map[string]int{
		"nist_800_53_r5":  370, // HIGH baseline controls and enhancements
		"cis_controls_v8": 153,
		"iso_27001_2022":  93,
		"csa_ccm_v4":      197,
		"csa_ccm_v4_1":    207, // v4.0's 197, 11 added, 1 removed
	}
	for _, fw := range m.FrameworkIDs() {
		k, ok := m.KnownIDs(fw)
		if !ok {
			t.Fatalf("%s has no known ids", fw)
		}
		if !strings.HasPrefix(k.URL, "https://") || k.Source == "" {
			t.Errorf("%s: known ids without a citation: %q %q", fw, k.Source, k.URL)
		}
		if n, has := wantSizes[fw]; has && len(k.IDs) != n {
			t.Errorf("%s: %d known ids, want %d", fw, len(k.IDs), n)
		}
	}
	for _, tc := range []struct{ fw, id, title string }{
		{"nist_800_53_r5", "SI-10", "Information Input Validation"},
		{"nist_800_53_r5", "SC-5", "Denial-of-service Protection"},
		{"cis_controls_v8", "6.8", "Define and Maintain Role-Based Access Control"},
		{"csa_ccm_v4", "DSP-19", "Data Location"},
		{"csa_ccm_v4", "CEK-08", "CSC Key Management Capability"},
		{"iso_27001_2022", "A.8.28", "Secure coding"},
	} {
		if got, ok := m.ReferenceTitle(tc.fw, tc.id); !ok || got != tc.title {
			t.Errorf("ReferenceTitle(%s, %s) = %q, %v; want %q", tc.fw, tc.id, got, ok, tc.title)
		}
	}
	if _, ok := m.ReferenceTitle("pci_dss_v4", "12.10.1"); !ok {
		t.Error("PCI DSS 12.10.1 is not a known id")
	}
}

func TestNewControls(t *testing.T) {
	m := Default()
	cases := []struct {
		id, typ, baseline string
		refs              map[string][]string
	}{
		{"logging.incident_response", TypeBool, "strict", map[string][]string{
			"nist_800_53_r5": {"IR-4", "IR-8"}, "cis_controls_v8": {"17.1", "17.4"}, "pci_dss_v4": {"12.10.1"}, "csa_ccm_v4": {"SEF-03"}}},
		{"network.ddos_protection", TypeBool, "strict", map[string][]string{"nist_800_53_r5": {"SC-5"}, "csa_ccm_v4": {"IVS-09"}}},
		{"compliance.data_residency", TypeStringSet, "strict", map[string][]string{"csa_ccm_v4": {"DSP-19"}}},
		{"encryption.key_lifecycle", TypeBool, "strict", map[string][]string{"nist_800_53_r5": {"SC-12"}, "csa_ccm_v4": {"CEK-13", "CEK-14"}}},
		{"storage.data_loss_prevention", TypeBool, "strict", map[string][]string{"csa_ccm_v4": {"DSP-04"}}},
	}
	for _, tc := range cases {
		c, ok := m.Control(tc.id)
		if !ok {
			t.Errorf("control %q missing", tc.id)
			continue
		}
		if c.Type != tc.typ {
			t.Errorf("%s type = %s, want %s", tc.id, c.Type, tc.typ)
		}
		r, ok := m.PresetRule(tc.baseline, c)
		if !ok || r.Reason == "" || len(r.Sources) == 0 {
			t.Errorf("%s: the %s baseline asks nothing of it or gives no reason: %+v", tc.id, tc.baseline, r)
		}
		for fw, ids := range tc.refs {
			for _, id := range ids {
				if !slices.Contains(c.Frameworks[fw], id) {
					t.Errorf("%s does not cite %s %s", tc.id, fw, id)
				}
			}
		}
	}
}

func TestClassificationRaiseIsData(t *testing.T) {
	m := Default()
	for _, tc := range []struct {
		class, domain string
		raised        bool
	}{
		{"confidential", "data_protection", true},
		{"restricted", "backup_recovery", true},
		{"internal", "data_protection", false},
		{"restricted", "monitoring_logging", false},
		{"bogus", "data_protection", false},
	} {
		r, ok := m.Raise(tc.class, tc.domain)
		if ok != tc.raised {
			t.Errorf("Raise(%s, %s) = %v, want %v", tc.class, tc.domain, ok, tc.raised)
		}
		if ok && (r.Baseline != "strict" || r.Reason == "") {
			t.Errorf("Raise(%s, %s) = %+v", tc.class, tc.domain, r)
		}
	}
}

func TestFaaSIsNotAskedForOSPatching(t *testing.T) {
	m := Default()
	for _, id := range []string{"hardening.os_patching", "hardening.max_patch_age_days", "hardening.last_patched"} {
		c, _ := m.Control(id)
		if m.Applies(c, "faas") {
			t.Errorf("%s applies to faas", id)
		}
		if !m.Applies(c, "caas") || !m.Applies(c, "iaas") {
			t.Errorf("%s must still apply to iaas and caas", id)
		}
		if !strings.Contains(c.NotApplicable["faas"], "dependencies") {
			t.Errorf("%s: the faas exemption does not say what the customer patches instead: %q", id, c.NotApplicable["faas"])
		}
	}
	for _, c := range m.FilterControls(ControlFilter{ServiceModel: "faas"}) {
		if c.ID == "hardening.os_patching" {
			t.Error("the faas filter keeps hardening.os_patching")
		}
	}
	dep, _ := m.Control("application.dependency_scanning")
	if !m.Applies(dep, "faas") {
		t.Error("faas workloads must still scan their dependencies")
	}
}

func TestRemediationFitsTheServiceModel(t *testing.T) {
	m := Default()
	if got := m.Remediation("encryption.at_rest", "iaas"); !strings.Contains(got, "aws_ebs_volume") {
		t.Errorf("iaas at_rest remediation = %q", got)
	}
	for _, sm := range []string{"saas", "paas", "faas"} {
		if got := m.Remediation("encryption.at_rest", sm); strings.Contains(got, "aws_ebs_volume") || got == "" {
			t.Errorf("%s at_rest remediation = %q: it must not send the customer to a disk it does not have", sm, got)
		}
	}
	if got := m.Remediation("nope", "iaas"); got != "" {
		t.Errorf("unknown control remediation = %q", got)
	}
	c, _ := m.Control("logging.enabled")
	if got := m.Remediation("logging.enabled", "saas"); got != c.Remediation {
		t.Errorf("a control without service-model advice must fall back to its remediation, got %q", got)
	}
}

// Each control cites in CCM v4.1 the controls it cites in v4.0: the same
// title under the v4.1 id (v4.1 renumbers LOG, TVM, STA and IAM and renames
// IVS to I&S), or, for the four controls v4.1 renamed in place, the
// successor named here.
func TestCCMv41FollowsV40(t *testing.T) {
	m := Default()
	v40, _ := m.KnownIDs("csa_ccm_v4")
	v41, _ := m.KnownIDs("csa_ccm_v4_1")
	renamed := map[string]string{"AIS-05": "AIS-05", "CEK-03": "CEK-03", "CEK-08": "CEK-08", "IAM-15": "IAM-14"}
	for _, c := range m.Controls {
		var want []string
		for _, id := range c.Frameworks["csa_ccm_v4"] {
			next, ok := renamed[id]
			if !ok {
				for nid, title := range v41.IDs {
					if strings.EqualFold(title, v40.IDs[id]) {
						next = nid
					}
				}
			}
			if next == "" {
				t.Errorf("%s: CCM v4.0 %s (%s) has no v4.1 successor", c.ID, id, v40.IDs[id])
				continue
			}
			if !slices.Contains(want, next) {
				want = append(want, next)
			}
		}
		if got := c.Frameworks["csa_ccm_v4_1"]; !slices.Equal(got, want) {
			t.Errorf("%s cites CCM v4.1 %v, want %v (from v4.0 %v)", c.ID, got, want, c.Frameworks["csa_ccm_v4"])
		}
	}
	if c, _ := m.Control("identity.mfa_required"); !slices.Equal(c.Frameworks["csa_ccm_v4_1"], []string{"IAM-13"}) {
		t.Errorf("MFA cites CCM v4.1 %v, want [IAM-13] (Strong Authentication, IAM-14 in v4.0)", c.Frameworks["csa_ccm_v4_1"])
	}
}

func TestReferenceOneSpelling(t *testing.T) {
	m := Default()
	for _, fw := range m.Frameworks {
		k, _ := m.KnownIDs(fw.ID)
		for id := range k.IDs {
			gotFW, gotID, ok := m.ParseReference(m.Reference(fw.ID, id))
			if !ok || gotFW != fw.ID || gotID != id {
				t.Fatalf("ParseReference(Reference(%s, %s)) = %s, %s, %v", fw.ID, id, gotFW, gotID, ok)
			}
		}
	}
	if got := m.Reference("nist_800_53_r5", "SC-7"); got != "NIST SP 800-53 Rev. 5 SC-7" {
		t.Errorf("Reference = %q", got)
	}
	for _, tc := range []struct {
		refs []string
		want []string
	}{
		{[]string{"NIST SP 800-53 Rev. 5 SC-7", "CSA Cloud Controls Matrix v4.1 CEK-03", "CIS AWS Foundations v5.0 5.3"}, nil},
		{[]string{"NIST SP 800-53 r5 SC-7"}, []string{`"NIST SP 800-53 r5 SC-7" does not start with a catalog framework's name`}},
		{[]string{"ISO/IEC 27001:2022 A.5.15"}, []string{`does not start with a catalog framework's name`}},
		{[]string{"PCI DSS v4.0 6.3.3"}, []string{`does not start with a catalog framework's name`}},
		{[]string{"NIST SP 800-53 Rev. 5 SC-7", "NIST SP 800-53 Rev. 5 SC-7"}, []string{`"NIST SP 800-53 Rev. 5 SC-7" is listed twice`}},
		{[]string{"NIST SP 800-53 Rev. 5 SC-99"}, []string{`cites "SC-99", which is not in the known ids of nist_800_53_r5`}},
	} {
		got := m.ReferenceProblems(tc.refs, "CIS AWS Foundations v5.0")
		if len(got) != len(tc.want) {
			t.Errorf("ReferenceProblems(%q) = %q, want %d problems", tc.refs, got, len(tc.want))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tc.want[i]) {
				t.Errorf("ReferenceProblems(%q)[%d] = %q, want it to contain %q", tc.refs, i, got[i], tc.want[i])
			}
		}
	}
	// A baseline rule's sources spell a catalog framework as references do.
	other := regexp.MustCompile(`800-53 r5|CSA CCM |27001:2022 A\.|PCI DSS v4\.0 `)
	for _, c := range m.Controls {
		for b, r := range c.Rules {
			for _, s := range r.Sources {
				if other.MatchString(s) {
					t.Errorf("%s/%s source %q: spell the framework as %q does", c.ID, b, s, m.frameworkNames())
				}
			}
		}
	}
	if got := UniqueReferences([]string{"a  b", " ", "c"}, []string{"a b", "c", "d"}); !slices.Equal(got, []string{"a b", "c", "d"}) {
		t.Errorf("UniqueReferences = %q", got)
	}
}
