package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// partHead is how much of each YAML file is read to find its modeline: the
// comment lines at the top of a file are short.
const partHead = 8 << 10

// configResolver decides what every command that takes a configuration
// (validate, compile and compile --check, plan in each form, verify
// --config, sign --config, batches) reads for a path it is given, so that
// all of them read the same configuration: a file in a directory that
// holds a part file (a YAML file whose modeline names the part schema, as
// hybridc import -o DIR writes) is one file of a directory configuration,
// meaningful only merged with the others, and is read as its directory.
// It keeps the answer per directory, and says once per directory on
// standard error that it reads the directory instead of the file.
type configResolver struct {
	e     *env
	holds map[string]bool // directory: whether it holds a part file
	noted map[string]bool // directories whose note has been printed
}

// newConfigResolver returns a resolver that prints its notes to e's
// standard error.
func newConfigResolver(e *env) *configResolver {
	return &configResolver{e: e, holds: map[string]bool{}, noted: map[string]bool{}}
}

// readConfig reads the configuration a command is given as path, resolved
// as every command resolves it (configResolver).
func readConfig(e *env, p *progress, path string) (*input, error) {
	path, _ = newConfigResolver(e).resolve(p, path)
	return readInput(e, path)
}

// resolve returns the path to read for path, and whether it is a directory
// configuration: path cleaned when it is a directory; the directory a file
// is in, cleaned, when that holds a part file (saying so on standard
// error, clearing p's line first); otherwise path as given (a file of its
// own, standard input, one that cannot be read: reading it says why).
func (r *configResolver) resolve(p *progress, path string) (string, bool) {
	if path == "-" {
		return path, false
	}
	info, err := os.Stat(path)
	if err != nil {
		return path, false
	}
	if info.IsDir() {
		return filepath.Clean(path), true
	}
	dir := filepath.Clean(filepath.Dir(path))
	holds, known := r.holds[dir]
	if !known {
		holds = holdsPart(dir)
		r.holds[dir] = holds
	}
	if !holds {
		return path, false
	}
	if !r.noted[dir] {
		r.noted[dir] = true
		p.clear()
		fmt.Fprintf(r.e.stderr, "hybridc: %s is one file of the directory configuration %s: reading %[2]s\n", printable(path), printable(dirName(dir)))
	}
	return dir, true
}

// dirName is dir as a note shows it: with a trailing separator, so that it
// reads as a directory (cfg/, ./).
func dirName(dir string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) || strings.HasSuffix(dir, "/") {
		return dir
	}
	return dir + string(filepath.Separator)
}

// holdsPart reports whether one of the YAML files of dir (as a directory
// configuration reads them) is a part file. Only the head of each regular
// file is read: links and devices are not followed.
func holdsPart(dir string) bool {
	names, err := yamlFiles(dir)
	if err != nil {
		return false
	}
	for _, n := range names {
		if isPartFile(readHead(filepath.Join(dir, n), partHead)) {
			return true
		}
	}
	return false
}

// dirConfigHelp is the paragraph of the help of each command that takes a
// configuration, on how a file of a directory configuration is read.
const dirConfigHelp = `
A configuration file in a directory that holds a part file (a YAML file
whose modeline names hybrid.part.schema.json, as 'hybridc import -o DIR'
writes beside hybrid.yaml) is one file of a directory configuration: every
command (validate, compile, plan, verify --config, sign --config, batches)
reads the whole directory instead, and says so once on standard error. A
file in a directory without part files is read alone.
`
