package cli

import (
	"encoding/json"
	"fmt"
	"io"

	ucli "github.com/urfave/cli/v2"

	"github.com/publish-books/publish/internal/build"
	"github.com/publish-books/publish/internal/model"
)

// reporter prints what a command found: diagnostics on standard error as
// file:line:col: severity: message, or, with --json, one JSON object per
// build on standard output for editors; --quiet keeps the errors only.
type reporter struct {
	stdout, stderr io.Writer
	quiet, json    bool
}

func newReporter(c *ucli.Context, stdout, stderr io.Writer) *reporter {
	return &reporter{stdout: stdout, stderr: stderr, quiet: flagBool(c, "quiet"), json: flagBool(c, "json")}
}

// diagnostics prints the diagnostics of res as text (with --json they go
// into the object result prints).
func (r *reporter) diagnostics(res *build.Result) {
	if r.json || res == nil {
		return
	}
	for _, d := range res.Diagnostics.List {
		if r.quiet && d.Severity != model.Error {
			continue
		}
		fmt.Fprintln(r.stderr, d.String())
	}
}

// say prints a summary line, unless --quiet or --json.
func (r *reporter) say(line string) {
	if !r.quiet && !r.json {
		fmt.Fprintln(r.stdout, line)
	}
}

// JSONReport is what --json prints for one build or check.
type JSONReport struct {
	Command     string           `json:"command"`
	OK          bool             `json:"ok"`
	Error       string           `json:"error,omitempty"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Outputs     []JSONOutput     `json:"outputs,omitempty"`
	Pages       int              `json:"pages,omitempty"`
}

// JSONDiagnostic is one diagnostic in a JSONReport; Line and Column are
// 1-based, 0 when the problem has no place in a file.
type JSONDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message"`
}

// JSONOutput is one written file.
type JSONOutput struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
}

// result prints the JSON report of a build or check when --json is set.
func (r *reporter) result(command string, res *build.Result, err error) {
	if !r.json {
		return
	}
	rep := JSONReport{Command: command, OK: err == nil, Diagnostics: []JSONDiagnostic{}}
	if err != nil {
		rep.Error = err.Error()
	}
	if res != nil {
		for _, d := range res.Diagnostics.List {
			rep.Diagnostics = append(rep.Diagnostics, JSONDiagnostic{
				File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
				Severity: d.Severity.String(), Code: d.Code, Message: d.Message,
			})
		}
		for _, o := range res.Outputs {
			rep.Outputs = append(rep.Outputs, JSONOutput{Path: o.Path, Size: o.Size})
		}
		rep.Pages = res.Pages
	}
	data, jerr := json.Marshal(rep)
	if jerr != nil {
		fmt.Fprintf(r.stderr, "publish: %v\n", jerr)
		return
	}
	fmt.Fprintf(r.stdout, "%s\n", data)
}
