package report

import (
	"fmt"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Markdown renders the report as GitHub-flavoured Markdown: the title, a
// one-line summary (and, when some controls are deferred, a line saying
// when they are judged), a table of counts by domain and owner, then one
// table of findings per workload. A waived finding's Exception cell holds
// the justification, the approver and the expiry.
func Markdown(m *model.Model, r *Report) string {
	s := r.Summarize(m)
	r = r.prepared()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", inline(r.title()))
	fmt.Fprintf(&b, "%s, %d violated, %d waived, %d deferred.\n\n",
		plural(s.Workloads, "workload", "workloads"), s.Violated, s.Waived, s.Deferred)
	if s.Deferred > 0 {
		b.WriteString(deferredNote + "\n\n")
	}

	b.WriteString("## Findings by domain and owner\n\n")
	if len(s.ByDomainOwner) == 0 {
		b.WriteString("No findings.\n")
	} else {
		tableRow(&b, "Domain", "Owner", "Violated", "Waived", "Deferred")
		b.WriteString("| --- | --- | ---: | ---: | ---: |\n")
		for _, row := range s.ByDomainOwner {
			tableRow(&b, cell(row.Domain), cell(row.Owner),
				fmt.Sprint(row.Violated), fmt.Sprint(row.Waived), fmt.Sprint(row.Deferred))
		}
	}

	for _, w := range r.Workloads {
		fmt.Fprintf(&b, "\n## %s\n\n", inline(workloadHeading(w)))
		if len(w.Findings) == 0 {
			b.WriteString("No findings.\n")
			continue
		}
		tableRow(&b, "Severity", "Control", "Status", "Message", "Remediation", "References", "Exception")
		b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
		for _, f := range w.Findings {
			tableRow(&b, cell(f.Severity), code(f.Control), cell(f.Status),
				cell(f.Message), cell(f.Remediation), cell(strings.Join(f.References, "; ")), cell(exceptionText(f.Exception)))
		}
	}
	return b.String()
}

// workloadHeading is "name (service model, baseline: id)", without the
// baseline when it is not given.
func workloadHeading(w Workload) string {
	if strings.TrimSpace(w.Baseline) == "" {
		return fmt.Sprintf("%s (%s)", w.Name, w.ServiceModel)
	}
	return fmt.Sprintf("%s (%s, baseline: %s)", w.Name, w.ServiceModel, w.Baseline)
}

// exceptionText is a waiver on three lines: the justification, the
// approver and the expiry; empty when there is none.
func exceptionText(e *Exception) string {
	if e == nil {
		return ""
	}
	return fmt.Sprintf("%s\nApproved by: %s\nExpires: %s", e.Justification, e.ApprovedBy, e.Expires)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func tableRow(b *strings.Builder, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// markdownEscaper escapes the characters that would start Markdown or HTML
// markup inside text, and the pipe that would end a table cell.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`,
	"`", "\\`",
	`*`, `\*`,
	`<`, `\<`,
	`[`, `\[`,
	`~`, `\~`,
	`|`, `\|`,
)

// newlines finds line breaks of any convention.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cell makes text safe inside a table cell: markup escaped, line breaks
// turned into <br> so the row stays on one line.
func cell(s string) string {
	lines := strings.Split(newlines.Replace(strings.TrimSpace(s)), "\n")
	for i, l := range lines {
		lines[i] = escapeText(l)
	}
	return strings.Join(lines, "<br>")
}

// inline makes text safe on one line outside a table, such as a heading.
func inline(s string) string {
	return escapeText(strings.Join(strings.Fields(s), " "))
}

// escapeText escapes markup in one line of text but keeps its code spans,
// which the catalog's messages use for attribute names and values: a run of
// backticks closed by a run of the same length is copied as it is, with only
// its pipes escaped (a table needs that even inside code). A backtick run
// that is never closed is escaped like any other markup.
func escapeText(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '`')
		if open < 0 {
			b.WriteString(markdownEscaper.Replace(s))
			return b.String()
		}
		n := open
		for n < len(s) && s[n] == '`' {
			n++
		}
		fence := s[open:n]
		end := closingFence(s[n:], len(fence))
		if end < 0 {
			b.WriteString(markdownEscaper.Replace(s[:n]))
			s = s[n:]
			continue
		}
		b.WriteString(markdownEscaper.Replace(s[:open]))
		span := s[open : n+end+len(fence)]
		b.WriteString(strings.ReplaceAll(span, "|", `\|`))
		s = s[n+end+len(fence):]
	}
}

// closingFence finds a run of exactly n backticks in s.
func closingFence(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// code renders an identifier as a code span; inside a table cell a pipe in
// a code span still needs its backslash.
func code(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || strings.Contains(s, "`") {
		return cell(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
