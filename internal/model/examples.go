package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Marker lines around a generated compliant body in an example. The begin
// line names the preset baseline and then, separated by spaces, what the
// example changes: "control=value" sets a control (a value is true, false,
// a number or a quoted string without spaces), "-group" leaves a group out
// (the example writes it by hand, outside the markers) and "-control"
// leaves one control out (evidence proves it, say):
//
//	# BEGIN generated compliant body: standard logging.retention_days=365 encryption.min_tls_version="1.2" -network
//	...written by RewriteCompliantBodies...
//	# END generated compliant body
const (
	BodyBegin = "# BEGIN generated compliant body:"
	BodyEnd   = "# END generated compliant body"
)

// RewriteCompliantBodies rewrites every marked region of an example (a .tf
// or .tftest.hcl file) from the catalog: CompliantBody of the baseline the
// begin line names, changed as it says, rendered by HCL at the begin
// line's indentation. It returns the new text and the number of regions; an
// error names the line and what is wrong.
func (m *Model) RewriteCompliantBodies(src string) (string, int, error) {
	lines := strings.SplitAfter(src, "\n")
	var b strings.Builder
	regions := 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		b.WriteString(line)
		trimmed := strings.TrimSpace(line)
		if trimmed == BodyEnd {
			return "", 0, fmt.Errorf("line %d: %q without a %q line before it", i+1, BodyEnd, BodyBegin)
		}
		if !strings.HasPrefix(trimmed, BodyBegin) {
			continue
		}
		end := -1
		for j := i + 1; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j])
			if strings.HasPrefix(t, BodyBegin) {
				break
			}
			if t == BodyEnd {
				end = j
				break
			}
		}
		if end < 0 {
			return "", 0, fmt.Errorf("line %d: no %q line closes the region", i+1, BodyEnd)
		}
		body, err := m.markedBody(strings.TrimPrefix(trimmed, BodyBegin))
		if err != nil {
			return "", 0, fmt.Errorf("line %d: %w", i+1, err)
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		b.WriteString(m.HCL(body, indent))
		b.WriteString(lines[end])
		i = end
		regions++
	}
	return b.String(), regions, nil
}

// markedBody is the body a begin line's spec asks for.
func (m *Model) markedBody(spec string) (map[string]any, error) {
	words := strings.Fields(spec)
	if len(words) == 0 {
		return nil, fmt.Errorf("the begin line names no baseline; valid values are %s", Quoted(m.BaselineIDs()))
	}
	if _, ok := m.Baseline(words[0]); !ok {
		return nil, fmt.Errorf("%q is not a preset baseline; valid values are %s", words[0], Quoted(m.BaselineIDs()))
	}
	body := m.CompliantBody(words[0])
	for _, w := range words[1:] {
		if name, ok := strings.CutPrefix(w, "-"); ok {
			if err := m.dropFromBody(body, name); err != nil {
				return nil, err
			}
			continue
		}
		id, raw, ok := strings.Cut(w, "=")
		if !ok {
			return nil, fmt.Errorf("%q is neither control=value nor -group or -control", w)
		}
		c, known := m.Control(id)
		if !known {
			return nil, fmt.Errorf("%q is not a catalog control", id)
		}
		v, err := markedValue(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		putControl(body, c, v)
	}
	return body, nil
}

// dropFromBody removes a group or one control from a body.
func (m *Model) dropFromBody(body map[string]any, name string) error {
	if _, ok := body[name]; ok {
		delete(body, name)
		return nil
	}
	if c, ok := m.Control(name); ok {
		if group, attr := c.Group(); group != "" {
			if g, ok := body[group].(map[string]any); ok {
				if _, ok := g[attr]; ok {
					delete(g, attr)
					if len(g) == 0 {
						delete(body, group)
					}
					return nil
				}
			}
		}
	}
	return fmt.Errorf("-%s: the compliant body has no such group or control", name)
}

// markedValue reads a value of a begin line: true, false, a number or a
// quoted string.
func markedValue(raw string) (any, error) {
	switch raw {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	if strings.HasPrefix(raw, `"`) {
		s, err := strconv.Unquote(raw)
		if err != nil {
			return nil, fmt.Errorf("%s is not a quoted string without spaces", raw)
		}
		return s, nil
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return nil, fmt.Errorf("%s is not true, false, a number or a quoted string", raw)
	}
	return n, nil
}
