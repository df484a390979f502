package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompileWarnsAboutForeignScripts reproduces the finding that compile
// -o DIR said nothing about a script in DIR that it did not write (a pull
// request's evil.ps1 beside the generated scripts); it now names it on
// standard error, in compile and compile --check, and names no script it
// wrote.
func TestCompileWarnsAboutForeignScripts(t *testing.T) {
	out := compileTo(t)
	evil := writeBytes(t, filepath.Join(out, "evil.ps1"), []byte(evilScript))
	upper := writeBytes(t, filepath.Join(out, "Other.PS1"), []byte(evilScript))
	for _, args := range [][]string{{"compile", exampleYAML, "-o", out}, {"compile", exampleYAML, "-o", out, "--check"}} {
		r := hybridc(t, nil, args...)
		if r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		for _, p := range []string{evil, upper} {
			if !strings.Contains(r.stderr, "warning: "+p+" is a script hybridc did not write") {
				t.Errorf("%v: no warning about %s:\n%s", args, filepath.Base(p), r.stderr)
			}
		}
		if strings.Contains(r.stderr, "onprem.ps1") || strings.Contains(r.stderr, "online.ps1") {
			t.Errorf("%v: a generated script was named:\n%s", args, r.stderr)
		}
	}
}
