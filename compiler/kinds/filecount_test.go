package kinds

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// maxFiles is how many production Go files may name one property of a
// kind: its declaration here, the configuration's field and the state's.
const maxFiles = 3

// overLimit are the properties still named in more files, each with the
// reason it could not move yet. Keep it short.
var overLimit = map[string]string{}

// fieldParams are the cmdlet parameters of a kind's fields, which the
// state's Go fields are named after.
func fieldParams[C, S any](k *Kind[C, S]) []string {
	var out []string
	for _, f := range k.Fields {
		out = append(out, f.Param)
	}
	return out
}

// TestPropertyNamedInFewFiles: every property of a kind (its fields'
// cmdlet parameters, and the recipient and permission properties the
// permission kinds read) is named, as a whole word and case-sensitively,
// in at most maxFiles production Go files of the module: the measure
// `grep -lw NAME -r --include=*.go . | grep -v _test.go` gives.
func TestPropertyNamedInFewFiles(t *testing.T) {
	names := slices.Concat(fieldParams(OrganizationRelationship), fieldParams(AvailabilityAddressSpace),
		fieldParams(SendConnector), fieldParams(RemoteDomain), RecipientProperties)
	root := filepath.Join("..", "..")
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.Contains(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		word := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`)
		var in []string
		for path, text := range files {
			if word.MatchString(text) {
				in = append(in, path)
			}
		}
		slices.Sort(in)
		if _, allowed := overLimit[name]; len(in) > maxFiles && !allowed {
			t.Errorf("%s is named in %d production files (at most %d): %s", name, len(in), maxFiles, strings.Join(in, ", "))
		}
	}
}
