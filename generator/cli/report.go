package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
)

// Formats are the ways check can print its diagnostics.
var Formats = []string{"text", "json", "github"}

// report prints diagnostics in format: text lines, one JSON document, or GitHub Actions workflow commands (which
// GitHub shows as annotations on the pull request's diff). For github, the whole list also goes to the job
// summary when GITHUB_STEP_SUMMARY names a file, since GitHub keeps only 10 error annotations per step.
func report(format string, ds []diag.Diagnostic, w io.Writer) error {
	switch format {
	case "json":
		return reportJSON(ds, w)
	case "github":
		for _, d := range ds {
			fmt.Fprintln(w, workflowCommand(d))
		}
		if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" && len(ds) > 0 {
			return appendFile(p, summary(ds))
		}
		return nil
	}
	for _, d := range ds {
		fmt.Fprintln(w, d)
	}
	return nil
}

func reportJSON(ds []diag.Diagnostic, w io.Writer) error {
	out := struct {
		Diagnostics []diag.Record `json:"diagnostics"`
		Errors      int           `json:"errors"`
		Warnings    int           `json:"warnings"`
	}{Diagnostics: []diag.Record{}}
	for _, d := range ds {
		out.Diagnostics = append(out.Diagnostics, d.Record())
		if d.Severity == diag.Error {
			out.Errors++
		} else {
			out.Warnings++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// workflowCommand formats d as "::error file=…,line=…,col=…,title=…::message (hint)".
func workflowCommand(d diag.Diagnostic) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	b.WriteString(" file=" + escapeProperty(d.Pos.File))
	if d.Pos.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", d.Pos.Line)
	}
	if d.Pos.Col > 0 {
		fmt.Fprintf(&b, ",col=%d", d.Pos.Col)
	}
	title := "showcase"
	if d.Field != "" {
		title += ": " + d.Field
	}
	b.WriteString(",title=" + escapeProperty(title))
	b.WriteString("::")
	msg := d.Msg
	if d.Hint != "" {
		msg += " (" + d.Hint + ")"
	}
	b.WriteString(escapeData(msg))
	return b.String()
}

// escapeData escapes a workflow command's message as GitHub's toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value as GitHub's toolkit does.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// summary is the Markdown job summary: every diagnostic in a table.
func summary(ds []diag.Diagnostic) string {
	errs := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "### showcase check: %d errors, %d warnings\n\n| where | field | problem |\n| --- | --- | --- |\n",
		errs, len(ds)-errs)
	cell := strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")
	for _, d := range ds {
		msg := d.Msg
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		if d.Severity == diag.Warning {
			msg = "warning: " + msg
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", cell.Replace(d.Pos.String()), cell.Replace(d.Field), cell.Replace(msg))
	}
	return b.String() + "\n"
}

func appendFile(p, s string) error {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
