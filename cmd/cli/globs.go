package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// globMeta are the characters that make a file argument a pattern.
const globMeta = "*?["

// globHelp is the paragraph of the help of each command that takes a list
// of files, on the patterns it expands.
const globHelp = `
An argument of a list of files (FILE..., STATE.json...) that names no
existing file and holds *, ? or [ is a pattern that hybridc expands itself,
on every system, since PowerShell and cmd.exe pass patterns such as
out/*.ps1 on to a program unexpanded: to the matching names, sorted,
leaving out names starting with a dot unless the pattern's last element
starts with one, as a POSIX shell does. A pattern that matches nothing is
an error (exit 2); a file whose name holds such characters is taken as it
is.
`

// expandGlobs returns args with each argument that names no file (os.Lstat
// fails; a dangling link is a file) and holds a glob metacharacter (*, ?,
// [) replaced by the names filepath.Glob matches, sorted, on every system:
// PowerShell and cmd.exe do not expand patterns for a program, and on a
// POSIX shell a pattern reaches hybridc only when it matched nothing (or
// was quoted). Names starting with a dot are left out unless the
// pattern's last element starts with one, as the shell leaves them out.
// Nothing beyond Glob's matches is added: each one is then checked as any
// file named directly is. A pattern that is not valid or matches nothing
// is an error naming it. "-" (standard input) is left as it is.
func expandGlobs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" || !strings.ContainsAny(a, globMeta) {
			out = append(out, a)
			continue
		}
		if _, err := os.Lstat(a); err == nil {
			out = append(out, a)
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("%s: not a valid pattern (%v)", a, err)
		}
		dotted := strings.HasPrefix(filepath.Base(a), ".")
		n := len(out)
		for _, m := range matches {
			if dotted || !strings.HasPrefix(filepath.Base(m), ".") {
				out = append(out, m)
			}
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: no file matches the pattern", a)
		}
		sort.Strings(out[n:])
	}
	return out, nil
}
