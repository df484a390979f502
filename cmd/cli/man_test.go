package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// TestManPage checks that the manual page documents every command (a new
// one too) with every flag its --help lists, and that groff renders it
// without a warning.
func TestManPage(t *testing.T) {
	withProbeCommand(t)
	code, page, stderr := run(t, "", "man")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(page, `.\" hybridc(1)`) || !strings.Contains(page, "\n.TH HYBRIDC 1 ") {
		t.Errorf("no title:\n%.300s", page)
	}
	for name, c := range commands {
		if name == "zz;rm -rf x" {
			continue
		}
		if !strings.Contains(page, "\n.SS \"hybridc "+roffEscape(name)+"\"\n") || !strings.Contains(page, roffEscape(c.summary)) {
			t.Errorf("no section for %s, or without its summary", name)
		}
		for _, f := range helpFlags(t, name) {
			if strings.Contains(f, "$(") {
				continue
			}
			spelled := flagInfo{name: f}.spelled()
			if !strings.Contains(page, "\n.TP\n\\fB"+roffEscape(spelled)+"\\fR") {
				t.Errorf("%s: flag %s not documented", name, spelled)
			}
		}
	}
	for _, never := range []string{"pwned", "rm -rf", "\n.TH leading", "\n'quote"} {
		if strings.Contains(page, never) {
			t.Errorf("the page holds %q", never)
		}
	}
	for _, want := range []string{"\n\\&.TH leading dot\n", "\n\\&'quote \\ebackslash\n", "hybridc compile hybrid.yaml \\-o out\n"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if code, _, _ := run(t, "", "man", "extra"); code != ExitUsage {
		t.Errorf("man with an argument: exit %d", code)
	}
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff not installed: rendering not checked")
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff -man -ww: %v\n%s", err, out)
	}
}

// TestRoffText checks the conversion of help text: paragraphs filled,
// indented blocks kept, requests and escapes neutralised.
func TestRoffText(t *testing.T) {
	var b strings.Builder
	writeRoffText(&b, "\nFirst line\nsecond line.\n\nTable:\n  a   one\n    b two\n.ex\n\n'tail \\n é\n")
	want := ".PP\nFirst line\nsecond line.\n.PP\nTable:\n.RS 4\n.nf\na   one\n  b two\n.fi\n.RE\n\\&.ex\n.PP\n\\&'tail \\en \\[u00E9]\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := roffArg(`say "hi" -x`); got != `"say \(dqhi\(dq \-x"` {
		t.Errorf("roffArg: %s", got)
	}
}
