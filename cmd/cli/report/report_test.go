package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

func TestArtifactURI(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{name: "relative", path: filepath.Join("config", "hybrid.yaml"), want: "config/hybrid.yaml"},
		{name: "cleaned", path: "./config//a.yaml", want: "config/a.yaml"},
		{name: "absolute inside the working directory", path: filepath.Join(wd, "testdata", "x.yaml"), want: "testdata/x.yaml"},
		{name: "space and percent are encoded", path: "my config/50%.yaml", want: "my%20config/50%25.yaml"},
		{name: "colon in the first segment", path: "a:b.yaml", want: "./a:b.yaml"},
		{name: "outside the working directory", path: filepath.Join(filepath.Dir(filepath.Dir(wd)), "x.yaml"),
			want: "file://" + filepath.ToSlash(filepath.Join(filepath.Dir(filepath.Dir(wd)), "x.yaml"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := artifactURI(tt.path); got != tt.want {
				t.Errorf("artifactURI(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestGitHubEscaping checks the escaping of workflow commands: %, CR and LF
// everywhere, and also : and , in properties.
func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name string
		diag compiler.Diagnostic
		want string
	}{
		{name: "plain",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "a.yaml", Line: 3, Col: 5}, Severity: compiler.Error, Code: "HC0201", Message: "unknown key"},
			want: "::error file=a.yaml,line=3,col=5,title=HC0201::unknown key\n"},
		{name: "warning",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "a.yaml", Line: 1, Col: 1}, Severity: compiler.Warning, Code: "HC0310", Message: "m"},
			want: "::warning file=a.yaml,line=1,col=1,title=HC0310::m\n"},
		{name: "message escapes %, CR and LF but keeps : and ,",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "a.yaml", Line: 1, Col: 1}, Code: "HC0205", Message: "50% off:\r\nnext, line"},
			want: "::error file=a.yaml,line=1,col=1,title=HC0205::50%25 off:%0D%0Anext, line\n"},
		{name: "property escapes : , % CR LF",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "dir,x/a:b%\n.yaml", Line: 2, Col: 4}, Code: "HC0101", Message: "m"},
			want: "::error file=dir%2Cx/a%3Ab%25%0A.yaml,line=2,col=4,title=HC0101::m\n"},
		{name: "forward slashes", diag: compiler.Diagnostic{Pos: compiler.Pos{File: filepath.Join("cfg", "a.yaml"), Line: 1, Col: 2}, Code: "HC0101", Message: "m"},
			want: "::error file=cfg/a.yaml,line=1,col=2,title=HC0101::m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := (githubPrinter{}).Diagnostics(&b, compiler.Diagnostics{tt.diag}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got  %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}

// hostile is a diagnostic whose message, file name and related label hold
// a terminal escape sequence, a bidirectional control and a line break, as
// a state value or a file name can.
var hostile = compiler.Diagnostic{
	Pos: compiler.Pos{File: "a\x1b[2J.yaml", Line: 3, Col: 5}, Severity: compiler.Error, Code: "HC0306",
	Message: "mailbox \x1b]0;owned\x07\u202e\u009b\U000e0041 is declared twice\nnext", Pointer: "/mailboxes/1",
	Related: []compiler.Related{{Pos: compiler.Pos{File: "b.yaml", Line: 1, Col: 2}, Label: "first\x1b[1m declared here"}},
}

// TestPrintersEscape: each printer escapes the raw values of a diagnostic
// its own way, and no escape sequence or hidden character reaches its
// output.
func TestPrintersEscape(t *testing.T) {
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.Printer("1.0").Diagnostics(&b, compiler.Diagnostics{hostile}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.ContainsFunc(strings.NewReplacer("\n", "", "\t", "").Replace(out), compiler.HiddenRune) {
				t.Errorf("a hidden character reached the output: %q", out)
			}
			if f.Name == "json" || f.Name == "sarif" {
				var v any
				if err := json.Unmarshal(b.Bytes(), &v); err != nil {
					t.Errorf("not JSON: %v", err)
				}
			}
		})
	}
	var b bytes.Buffer
	if err := Text.Diagnostics(&b, compiler.Diagnostics{hostile}); err != nil {
		t.Fatal(err)
	}
	want := "a\\x1b[2J.yaml:3:5: error HC0306: mailbox \\x1b]0;owned\\x07\\u202e\\x9b\\ue0041 is declared twice\\x0anext\n\tb.yaml:1:2: note: first\\x1b[1m declared here\n"
	if b.String() != want {
		t.Errorf("text:\n got %q\nwant %q", b.String(), want)
	}
	b.Reset()
	if err := (githubPrinter{}).Diagnostics(&b, compiler.Diagnostics{hostile}); err != nil {
		t.Fatal(err)
	}
	want = "::error file=a\\x1b[2J.yaml,line=3,col=5,title=HC0306::mailbox \\x1b]0;owned\\x07\\u202e\\x9b\\ue0041 is declared twice%0Anext%0Ab.yaml:1:2: note: first\\x1b[1m declared here\n"
	if b.String() != want {
		t.Errorf("github:\n got %q\nwant %q", b.String(), want)
	}
}

// TestJSONFields: the JSON format carries the message as it is (encoding/
// json escapes it), the pointer and the related positions; a diagnostic
// without them writes neither field.
func TestJSONFields(t *testing.T) {
	var b bytes.Buffer
	plain := compiler.Diagnostic{Pos: compiler.Pos{File: "c.yaml", Line: 1, Col: 1}, Code: "HC0104", Message: "m"}
	if err := (jsonPrinter{}).Diagnostics(&b, compiler.Diagnostics{hostile, plain}); err != nil {
		t.Fatal(err)
	}
	var got diagnosticsJSON
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	d := got.Diagnostics[0]
	if d.Message != hostile.Message || d.Pointer != "/mailboxes/1" || len(d.Related) != 1 ||
		d.Related[0] != (relatedJSON{File: "b.yaml", Line: 1, Column: 2, Label: hostile.Related[0].Label}) {
		t.Errorf("diagnostic: %+v", d)
	}
	if strings.Count(b.String(), `"pointer"`) != 1 || strings.Count(b.String(), `"related"`) != 1 {
		t.Errorf("a diagnostic without a pointer or related positions writes the fields:\n%s", b.String())
	}
}

// TestSARIFRelated: SARIF carries the related positions as
// relatedLocations, each with its label, and the pointer as a logical
// location.
func TestSARIFRelated(t *testing.T) {
	var b bytes.Buffer
	if err := (sarifPrinter{version: "1.0"}).Diagnostics(&b, compiler.Diagnostics{hostile}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results[0]
	if len(res.RelatedLocations) != 1 || *res.RelatedLocations[0].ID != 0 || res.RelatedLocations[0].Message.Text != hostile.Related[0].Label ||
		res.RelatedLocations[0].PhysicalLocation.Region.StartLine != 1 {
		t.Errorf("related locations: %+v", res.RelatedLocations)
	}
	if ll := res.Locations[0].LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != "/mailboxes/1" {
		t.Errorf("logical locations: %+v", ll)
	}
}

// TestFormatNames: the help lists every format, and names are listed in
// one order everywhere.
func TestFormatNames(t *testing.T) {
	if got := OneOf(Names()); got != "text, json, sarif or github" {
		t.Errorf("OneOf = %q", got)
	}
	if got := Choices(Names()); got != "text|json|sarif|github" {
		t.Errorf("Choices = %q", got)
	}
	for _, n := range Names() {
		if !strings.Contains(Help(), "  "+n+" ") {
			t.Errorf("the help does not list %s", n)
		}
		if _, ok := New(n, "1"); !ok {
			t.Errorf("New(%q) fails", n)
		}
	}
	if _, ok := New("xml", "1"); ok {
		t.Error("New accepts an unknown format")
	}
}

// TestVisibleBreaksOldWorkflowCommands: "##[command]" anywhere in a line is
// a workflow command to the Actions runner, so Visible and Name write it
// as "#\x23[" in a value, a message and a file name, and the text printer
// puts no "##[" on any line (found by the attacker's review: an HC0306
// message quoting a name, and plan lines, forged annotations).
func TestVisibleBreaksOldWorkflowCommands(t *testing.T) {
	for in, want := range map[string]string{
		"remoteDomain/z ##[error]forged": `remoteDomain/z #\x23[error]forged`,
		"###[x]":                         `##\x23[x]`,
		"\x1b##[warning]x":               `\x1b#\x23[warning]x`,
		"# [not] ##":                     "# [not] ##",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Name("##[error]x.yaml"); got != `#\x23[error]x.yaml` {
		t.Errorf("Name: %q", got)
	}
	d := compiler.Diagnostic{Pos: compiler.Pos{File: "##[group]a.yaml", Line: 1, Col: 1}, Code: "HC0306", Message: "remoteDomain/z ##[error]Security review passed"}
	var b bytes.Buffer
	if err := Text.Diagnostics(&b, compiler.Diagnostics{d}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "##[") {
		t.Errorf("text output holds a workflow command: %q", b.String())
	}
}

// TestJSONCommandSafe: JSON output carries "##[" inside its strings as
// "#\u0023[", the same value, so that printing it in a CI log forges no
// workflow command.
func TestJSONCommandSafe(t *testing.T) {
	var b bytes.Buffer
	if err := WriteIndented(&b, map[string]string{"name": "x ##[error]forged"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "##[") {
		t.Fatalf("JSON holds a workflow command: %s", b.String())
	}
	var v map[string]string
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || v["name"] != "x ##[error]forged" {
		t.Fatalf("the value changed: %v %q", err, v["name"])
	}
}
