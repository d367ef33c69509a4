package detect

import (
	"fmt"
	"net/netip"
	"strings"
)

// RangeExposure says what an allowed address range lets in, as the firewall
// rules of Azure databases and services (SQL, PostgreSQL, MySQL, Redis,
// Synapse) and their IP allow lists (Cosmos DB, storage, registries) write
// it.
type RangeExposure int

const (
	// RangeScoped admits some addresses, but not the whole internet.
	RangeScoped RangeExposure = iota
	// RangeWorldOpen covers a world-open block: the same test as a
	// firewall rule's source (a public prefix of /4 or shorter, /8 for
	// IPv6), so 0.0.0.0-255.255.255.255 and 0.0.0.0/0 are world-open.
	RangeWorldOpen
	// RangeAzureServices is Azure's 0.0.0.0-0.0.0.0 rule (or a lone
	// 0.0.0.0 in an allow list): "allow Azure services and resources to
	// access this server", which admits every Azure tenant's resources
	// (Microsoft Learn, "Azure SQL Database and Azure Synapse IP firewall
	// rules"; "Configure IP firewall in Azure Cosmos DB").
	RangeAzureServices
)

// ClassifyIPRange classifies the inclusive range start-end of a firewall
// rule resource. Both ends must be IP addresses of one family, start no
// greater than end.
func ClassifyIPRange(start, end string) (RangeExposure, error) {
	lo, err := netip.ParseAddr(strings.TrimSpace(start))
	if err != nil {
		return 0, fmt.Errorf("start %s is not an IP address; expected a form like \"203.0.113.7\"", quoteInput(strings.TrimSpace(start)))
	}
	hi, err := netip.ParseAddr(strings.TrimSpace(end))
	if err != nil {
		return 0, fmt.Errorf("end %s is not an IP address; expected a form like \"203.0.113.7\"", quoteInput(strings.TrimSpace(end)))
	}
	lo, hi = lo.Unmap().WithZone(""), hi.Unmap().WithZone("")
	if lo.BitLen() != hi.BitLen() {
		return 0, fmt.Errorf("start and end are of different IP families; expected two IPv4 or two IPv6 addresses")
	}
	if hi.Less(lo) {
		return 0, fmt.Errorf("start is greater than end; expected start <= end")
	}
	return classifyRange(lo, hi), nil
}

// ClassifyIPEntry classifies one entry of an IP allow list: a CIDR block
// or a single address. A lone 0.0.0.0 is Azure's "accept connections from
// within Azure datacenters" entry.
func ClassifyIPEntry(s string) (RangeExposure, error) {
	p, err := parseCIDROrAddr(s)
	if err != nil {
		return 0, err
	}
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	if p.Addr() == netip.IPv4Unspecified() && p.Bits() == 32 {
		return RangeAzureServices, nil
	}
	return classifyRange(p.Addr(), lastAddr(p)), nil
}

func classifyRange(lo, hi netip.Addr) RangeExposure {
	if lo == netip.IPv4Unspecified() && hi == lo {
		return RangeAzureServices
	}
	// A range is world-open when it holds a whole world-open block. A
	// prefix of /4 or shorter is world-open exactly when one of its /4
	// blocks (/8 for IPv6) is not wholly non-public, so testing those
	// blocks is the firewall detector's test for every shorter prefix too.
	bits, step := 4, 16
	if lo.Is6() {
		bits, step = 8, 256
	}
	for i := range step {
		var block netip.Prefix
		if lo.Is4() {
			block = netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(i << 4)}), bits)
		} else {
			block = netip.PrefixFrom(netip.AddrFrom16([16]byte{byte(i)}), bits)
		}
		if block.Addr().Less(lo) || hi.Less(lastAddr(block)) {
			continue // not wholly inside the range
		}
		if !coveredByNonPublic(block) {
			return RangeWorldOpen
		}
	}
	return RangeScoped
}

// lastAddr is the highest address of a prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	p = p.Masked()
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
