package detect

import (
	"strings"
	"testing"
)

func TestClassifyIPRange(t *testing.T) {
	for _, c := range []struct {
		start, end string
		want       RangeExposure
	}{
		{"0.0.0.0", "255.255.255.255", RangeWorldOpen},
		{"0.0.0.0", "0.0.0.0", RangeAzureServices},
		{"1.0.0.0", "254.255.255.255", RangeWorldOpen},
		{"16.0.0.0", "31.255.255.255", RangeWorldOpen}, // one public /4
		{"16.0.0.1", "31.255.255.255", RangeScoped},    // not a whole /4
		{"203.0.113.0", "203.0.113.255", RangeScoped},
		{"10.0.0.0", "10.255.255.255", RangeScoped},
		{"224.0.0.0", "255.255.255.255", RangeScoped}, // multicast and reserved only
		{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", RangeWorldOpen},
		{"2001:db8::", "2001:db8::ffff", RangeScoped},
	} {
		got, err := ClassifyIPRange(c.start, c.end)
		if err != nil || got != c.want {
			t.Errorf("%s-%s = %v, %v; want %v", c.start, c.end, got, err, c.want)
		}
	}
	for _, bad := range [][2]string{{"0.0.0.0", "::1"}, {"10.0.0.9", "10.0.0.1"}, {"one", "10.0.0.1"}, {"10.0.0.1", "Zx9-Secret"}} {
		_, err := ClassifyIPRange(bad[0], bad[1])
		if err == nil {
			t.Errorf("%v: want an error", bad)
		} else if strings.Contains(err.Error(), "Secret") {
			t.Errorf("%v: error echoes the value: %v", bad, err)
		}
	}
}

func TestClassifyIPEntry(t *testing.T) {
	for in, want := range map[string]RangeExposure{
		"0.0.0.0": RangeAzureServices, "0.0.0.0/32": RangeAzureServices, "0.0.0.0/0": RangeWorldOpen,
		"0.0.0.0/1": RangeWorldOpen, "128.0.0.0/1": RangeWorldOpen, "16.0.0.0/4": RangeWorldOpen, "16.0.0.0/5": RangeScoped,
		"203.0.113.7": RangeScoped, "198.51.100.0/24": RangeScoped, "10.0.0.0/8": RangeScoped, "::/0": RangeWorldOpen,
		"2000::/3": RangeWorldOpen, "fc00::/7": RangeScoped, " 55.0.1.0/24 ": RangeScoped,
	} {
		got, err := ClassifyIPEntry(in)
		if err != nil || got != want {
			t.Errorf("%q = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ClassifyIPEntry("Internet"); err == nil {
		t.Error("a service tag is not an IP allow-list entry; want an error")
	}
}
