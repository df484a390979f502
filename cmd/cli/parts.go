package cli

import (
	"os"
	"path/filepath"
)

// partHead is how much of each YAML file is read to find its modeline: the
// comment lines at the top of a file are short.
const partHead = 8 << 10

// partDirs tells which directories are directory configurations whose
// files validate names one by one (a pre-commit hook passes the staged
// files): those holding a part file, whose modeline names the part schema
// (hybridc import -o DIR writes them). The answer is kept per directory.
type partDirs map[string]bool

// configurationOf returns the directory configuration validate checks for
// path, cleaned, and true: path itself when it is a directory, or the
// directory a file is in when that holds a part file, since a part is valid
// only merged with the directory's other files (and a file beside parts is
// merged with them by every command). For any other path (a file of its
// own, standard input, one that cannot be read) it returns false.
func (p partDirs) configurationOf(path string) (string, bool) {
	if path == "-" {
		return "", false
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	if info.IsDir() {
		return filepath.Clean(path), true
	}
	dir := filepath.Clean(filepath.Dir(path))
	holds, known := p[dir]
	if !known {
		holds = holdsPart(dir)
		p[dir] = holds
	}
	return dir, holds
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
