package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

// plotSVG draws median plan time against N for the three configurations on
// linear axes.
func plotSVG(results []sizeResult) []byte {
	const (
		width, height                = 680.0, 420.0
		left, right, top, bottom     = 70.0, 30.0, 40.0, 60.0
		plotW, plotH                 = width - left - right, height - top - bottom
		srmColour, handColour, fontS = "#c0392b", "#2471a3", 12
	)
	var maxN, maxT float64
	for _, r := range results {
		maxN = max(maxN, float64(r.n))
		maxT = max(maxT, r.srmMedian.Seconds(), r.handMedian.Seconds(), r.floorMedian.Seconds())
	}
	xTicks := niceTicks(maxN)
	yTicks := niceTicks(maxT)
	xMax, yMax := xTicks[len(xTicks)-1], yTicks[len(yTicks)-1]
	x := func(n float64) float64 { return left + n/xMax*plotW }
	y := func(t float64) float64 { return top + plotH - t/yMax*plotH }

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family="sans-serif" font-size="%d">`+"\n",
		width, height, width, height, fontS)
	fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%g" y="22" font-size="15" font-weight="bold">terraform plan: median wall time against number of workloads</text>`+"\n", left)

	// Grid, ticks and labels.
	for _, t := range yTicks {
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#ddd"/>`+"\n", left, y(t), left+plotW, y(t))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", left-8, y(t), trimFloat(t))
	}
	for _, n := range xTicks {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#ddd"/>`+"\n", x(n), top, x(n), top+plotH)
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle">%s</text>`+"\n", x(n), top+plotH+18, trimFloat(n))
	}
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="#333"/>`+"\n", left, top, plotW, plotH)
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="240" height="72" fill="white" stroke="#bbb"/>`+"\n", left+6, top+6)
	fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle">workloads (N)</text>`+"\n", left+plotW/2, height-18)
	fmt.Fprintf(&b, `<text transform="translate(20 %g) rotate(-90)" text-anchor="middle">seconds</text>`+"\n", top+plotH/2)

	series := []struct {
		label, colour string
		at            func(sizeResult) float64
	}{
		{"srm_workload", srmColour, func(r sizeResult) float64 { return r.srmMedian.Seconds() }},
		{"terraform_data + preconditions", handColour, func(r sizeResult) float64 { return r.handMedian.Seconds() }},
		{"no-op framework provider (floor)", "#7f8c8d", func(r sizeResult) float64 { return r.floorMedian.Seconds() }},
	}
	for i, s := range series {
		pts := make([]string, len(results))
		for j, r := range results {
			pts[j] = fmt.Sprintf("%.1f,%.1f", x(float64(r.n)), y(s.at(r)))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), s.colour)
		for _, r := range results {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"><title>%s, N = %d: %.2f s</title></circle>`+"\n",
				x(float64(r.n)), y(s.at(r)), s.colour, s.label, r.n, s.at(r))
		}
		// Legend in the top-left corner, where both lines start low.
		ly := top + 20 + float64(i)*22
		fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="2"/>`+"\n", left+14, ly, left+38, ly, s.colour)
		fmt.Fprintf(&b, `<text x="%g" y="%g" dominant-baseline="middle">%s</text>`+"\n", left+44, ly, s.label)
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// niceTicks returns 0 and evenly spaced round values up to at least hi.
func niceTicks(hi float64) []float64 {
	if hi <= 0 {
		return []float64{0, 1}
	}
	raw := hi / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var ticks []float64
	for v := 0.0; ; v += step {
		ticks = append(ticks, v)
		if v >= hi-1e-9 {
			return ticks
		}
	}
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
