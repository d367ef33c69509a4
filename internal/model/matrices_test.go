package model

import (
	"slices"
	"strings"
	"testing"
)

// vendorPage is a vendor's published matrix as written on its page: each
// row's owner per vendor column. C is the customer, V the vendor, S shared
// and "" a column the row does not cover.
type vendorPage struct {
	columns []string
	rows    map[string][]string
}

const (
	pc = OwnerCustomer
	pv = OwnerProvider
	ps = OwnerShared
)

// Written from each vendor's page, independently of vendor_matrices.json.
var vendorPages = map[string]vendorPage{
	// Microsoft Learn, "Shared responsibility in the cloud", ms.date
	// 2026-01-12: the responsibility matrix table, the responsibilities the
	// customer always retains and the list of Microsoft's responsibilities.
	"microsoft_2026": {
		columns: []string{"On-premises", "IaaS", "PaaS", "SaaS"},
		rows: map[string][]string{
			"Customer data":               {pc, pc, pc, pc},
			"Configurations and settings": {pc, pc, pc, pc},
			"Identities and users":        {pc, pc, pc, pc},
			"Client devices":              {pc, pc, pc, ps},
			"Applications":                {pc, pc, ps, ps},
			"Network controls":            {pc, pc, ps, pv},
			"Operating system":            {pc, pc, pv, pv},
			"Physical hosts":              {pc, pv, pv, pv},
			"Physical network":            {pc, pv, pv, pv},
			"Physical datacenter":         {pc, pv, pv, pv},
			// "Regardless of the type of deployment, you always retain ...
			// Access management"; on premises "you own the whole stack".
			"Access management": {pc, pc, pc, pc},
			// Microsoft responsibilities: "Hypervisor - ... in IaaS and PaaS".
			"Hypervisor": {pc, pv, pv, ""},
			// Microsoft responsibilities: "Physical security - ... environmental controls".
			"Physical security: environmental controls": {pc, pv, pv, pv},
		},
	},
	// The classic diagram (SVG in azure-docs at 23ae9d38), columns in the
	// diagram's order.
	"microsoft_classic": {
		columns: []string{"SaaS", "PaaS", "IaaS", "On-prem"},
		rows: map[string][]string{
			"Information and data":                  {pc, pc, pc, pc},
			"Devices (Mobile and PCs)":              {pc, pc, pc, pc},
			"Accounts and identities":               {pc, pc, pc, pc},
			"Identity and directory infrastructure": {ps, ps, pc, pc},
			"Applications":                          {pv, ps, pc, pc},
			"Network controls":                      {pv, ps, pc, pc},
			"Operating system":                      {pv, pv, pc, pc},
			"Physical hosts":                        {pv, pv, pv, pc},
			"Physical network":                      {pv, pv, pv, pc},
			"Physical datacenter":                   {pv, pv, pv, pc},
		},
	},
	// AWS's model text (Well-Architected Security Pillar, "Shared
	// responsibility"; ECS and Lambda shared-responsibility pages), one row
	// per statement, columns AWS's own service examples.
	"aws": {
		columns: []string{"Infrastructure services (Amazon EC2)", "Abstracted services (Amazon S3, Amazon DynamoDB)", "Container services (Amazon ECS, Amazon EKS)", "AWS Lambda"},
		rows: map[string][]string{
			"Infrastructure: hardware, software, networking and facilities": {pv, pv, pv, pv},
			"Host operating system and virtualization layer":                {pv, pv, pv, pv},
			"Physical and environmental controls":                           {pv, pv, pv, pv},
			"Patch management: infrastructure":                              {pv, pv, pv, pv},
			"Guest operating system":                                        {pc, pv, ps, ps},
			"Security group firewall configuration":                         {pc, "", "", ""},
			"Customer data and encryption options":                          {pc, pc, "", ""},
			"IAM permissions":                                               {pc, pc, "", ""},
			"Application software":                                          {pc, "", "", ""},
			"Function code and layers":                                      {"", "", "", ps},
			"IT controls":                                                   {ps, ps, ps, ps},
		},
	},
	// Google Cloud's chart on "Shared responsibilities and shared fate"
	// (transcribed; the page shows it as an image).
	"google": {
		columns: []string{"On-premises", "IaaS", "PaaS", "SaaS"},
		rows: map[string][]string{
			"Content":                   {pc, pc, pc, pc},
			"Access policies":           {pc, pc, pc, pc},
			"Usage":                     {pc, pc, pc, pc},
			"Deployment":                {pc, pc, pc, pv},
			"Web application security":  {pc, pc, pc, pv},
			"Identity":                  {pc, pc, pv, pv},
			"Operations":                {pc, pc, pv, pv},
			"Access and authentication": {pc, pc, pv, pv},
			"Network security":          {pc, pc, pv, pv},
			"Guest OS, data & content":  {pc, pc, pv, pv},
			"Audit logging":             {pc, pv, pv, pv},
			"Network":                   {pc, pv, pv, pv},
			"Storage + encryption":      {pc, pv, pv, pv},
			"Hardened kernel + IPC":     {pc, pv, pv, pv},
			"Boot":                      {pc, pv, pv, pv},
			"Hardware":                  {pc, pv, pv, pv},
		},
	},
}

// pageOwner combines the page's rows for one column: one owner when all
// the rows that cover the column agree, shared when they differ, "" when no
// row covers it.
func pageOwner(t *testing.T, p vendorPage, rows []string, column string) string {
	t.Helper()
	col := slices.Index(p.columns, column)
	if col < 0 {
		t.Fatalf("column %q is not on the page (%v)", column, p.columns)
	}
	owner := ""
	for _, r := range rows {
		values, ok := p.rows[r]
		if !ok {
			t.Fatalf("row %q is not on the page", r)
		}
		switch v := values[col]; {
		case v == "":
			continue
		case owner == "":
			owner = v
		case owner != v:
			owner = OwnerShared
		}
	}
	return owner
}

func TestVendorCellsMatchTheVendorsPage(t *testing.T) {
	consensus := Default()
	if got, want := consensus.MatrixIDs(), []string{"consensus", "microsoft_2026", "microsoft_classic", "aws", "google"}; !slices.Equal(got, want) {
		t.Fatalf("matrices = %v, want %v", got, want)
	}
	for id, page := range vendorPages {
		m, err := ForMatrix(id)
		if err != nil {
			t.Fatal(err)
		}
		info := m.Matrix()
		vendorCells := 0
		for _, c := range m.FilterCells(CellFilter{}) {
			base, _ := consensus.Cell(c.Domain, c.ServiceModel)
			if c.Basis == BasisFallback {
				if c.Owner != base.Owner || !strings.HasPrefix(c.Note, "Not published: ") {
					t.Errorf("%s %s/%s: a fallback must be the consensus cell and say so; got %s, %q", id, c.Domain, c.ServiceModel, c.Owner, c.Note)
				}
				continue
			}
			if c.Basis != BasisVendor {
				t.Errorf("%s %s/%s: basis %q", id, c.Domain, c.ServiceModel, c.Basis)
				continue
			}
			vendorCells++
			column, ok := info.Columns[c.ServiceModel]
			if !ok {
				t.Errorf("%s %s/%s: vendor cell in a column the vendor does not publish", id, c.Domain, c.ServiceModel)
				continue
			}
			if want := pageOwner(t, page, c.Rows, column); c.Owner != want {
				t.Errorf("%s %s/%s: owner %q, but the page's rows %v give %q in column %q", id, c.Domain, c.ServiceModel, c.Owner, c.Rows, want, column)
			}
			if len(c.Sources) == 0 || c.Note == "" {
				t.Errorf("%s %s/%s: a vendor cell must cite its page and explain itself", id, c.Domain, c.ServiceModel)
			}
			for _, s := range c.Sources {
				if _, ok := m.Source(s); !ok {
					t.Errorf("%s %s/%s cites unknown source %q", id, c.Domain, c.ServiceModel, s)
				}
			}
		}
		if vendorCells < 20 {
			t.Errorf("%s: only %d cells read from the vendor", id, vendorCells)
		}
		if len(m.Cells) != 90 || len(m.Controls) != len(consensus.Controls) {
			t.Errorf("%s: %d cells and %d controls; a vendor matrix keeps the 90 cells and the whole catalog", id, len(m.Cells), len(m.Controls))
		}
	}
}

// Spot checks that a reader of each page can confirm at a glance.
func TestVendorMatrixKnownCells(t *testing.T) {
	for _, tc := range []struct{ matrix, domain, sm, owner, basis string }{
		{"microsoft_2026", "data_protection", "iaas", OwnerCustomer, BasisVendor},
		{"microsoft_2026", "workload_hardening", "faas", OwnerProvider, BasisVendor}, // Functions filed under PaaS
		{"microsoft_2026", "workload_hardening", "caas", OwnerShared, BasisFallback},
		{"microsoft_2026", "monitoring_logging", "iaas", OwnerShared, BasisFallback},
		{"microsoft_classic", "application_security", "saas", OwnerProvider, BasisVendor},
		{"microsoft_classic", "identity_access", "paas", OwnerShared, BasisVendor},
		{"aws", "data_protection", "paas", OwnerCustomer, BasisVendor},
		{"aws", "workload_hardening", "caas", OwnerShared, BasisVendor},
		{"aws", "identity_access", "saas", OwnerCustomer, BasisFallback},
		{"google", "network_configuration", "paas", OwnerProvider, BasisVendor},
		{"google", "application_security", "saas", OwnerProvider, BasisVendor},
		{"google", "monitoring_logging", "paas", OwnerProvider, BasisVendor},
		{"consensus", "data_protection", "iaas", OwnerShared, BasisConsensus},
	} {
		m, err := ForMatrix(tc.matrix)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := m.Cell(tc.domain, tc.sm)
		if c.Owner != tc.owner || c.Basis != tc.basis {
			t.Errorf("%s %s/%s = %s (%s), want %s (%s)", tc.matrix, tc.domain, tc.sm, c.Owner, c.Basis, tc.owner, tc.basis)
		}
	}
	if _, err := ForMatrix("oracle"); err == nil || !strings.Contains(err.Error(), `"microsoft_2026"`) {
		t.Errorf("unknown matrix error = %v; want it to list the valid ids", err)
	}
}

func TestDifferences(t *testing.T) {
	consensus := Default()
	if d := consensus.Differences(consensus); len(d) != 0 {
		t.Errorf("a matrix differs from itself: %+v", d)
	}
	ms, _ := ForMatrix("microsoft_2026")
	diffs := ms.Differences(consensus)
	var found *CellDifference
	for i, d := range diffs {
		if d.Domain == "data_protection" && d.ServiceModel == "iaas" {
			found = &diffs[i]
		}
		if d.Owner == d.OtherOwner {
			t.Errorf("difference with equal owners: %+v", d)
		}
	}
	if found == nil {
		t.Fatalf("microsoft_2026 vs consensus lacks data_protection/iaas: %+v", diffs)
	}
	if found.Owner != OwnerCustomer || found.OtherOwner != OwnerShared || found.Basis != BasisVendor || found.OtherBasis != BasisConsensus {
		t.Errorf("data_protection/iaas difference = %+v", *found)
	}
	for _, part := range []string{"microsoft_2026 says customer (Customer data)", "encryption decisions", "consensus says shared"} {
		if !strings.Contains(found.Why, part) {
			t.Errorf("why lacks %q: %s", part, found.Why)
		}
	}
	// Order is domain-major, as in the matrix.
	for i := 1; i < len(diffs); i++ {
		a, b := slices.Index(consensus.DomainIDs(), diffs[i-1].Domain), slices.Index(consensus.DomainIDs(), diffs[i].Domain)
		if a > b {
			t.Errorf("differences out of matrix order at %d: %s before %s", i, diffs[i-1].Domain, diffs[i].Domain)
		}
	}
	// A fallback cell never differs from the consensus.
	for _, id := range consensus.MatrixIDs() {
		m, _ := ForMatrix(id)
		for _, d := range m.Differences(consensus) {
			if d.Basis == BasisFallback {
				t.Errorf("%s: fallback cell %s/%s differs from the consensus", id, d.Domain, d.ServiceModel)
			}
		}
	}
}
