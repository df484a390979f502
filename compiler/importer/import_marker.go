package importer

import (
	"bytes"
	"strings"

	"github.com/hybridc/hybridc/compiler/load"
)

// PartSchemaFile is the file name of the part schema (hybridc schema
// --part), which the modeline of each part file import writes into a
// directory names: the files beside hybrid.yaml hold only some of a
// configuration's keys and are valid only merged with it.
const PartSchemaFile = "hybrid.part.schema.json"

// ImportMarker is the phrase, in its leading comment lines, by which a
// YAML file says that hybridc import wrote it (in any letter case: the
// header of hybrid.yaml says "Written by hybridc import from the state
// of:", and every import since hybridc could split a configuration wrote
// one of the two). import replaces such a file; any other it refuses to
// overwrite without --force.
const ImportMarker = "written by hybridc import"

// WrittenByImport reports whether the leading comment lines of data (blank
// lines and a byte order mark allowed; up to the first line that is
// neither) say that hybridc import wrote it: whether one holds
// ImportMarker, in any letter case. A file whose YAML starts before the
// marker, or that does not hold it, was written by someone else.
func WrittenByImport(data []byte) bool {
	data = bytes.TrimPrefix(data, load.UTF8BOM)
	for len(data) > 0 {
		line := data
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		text := strings.TrimSpace(string(line))
		if text == "" {
			continue
		}
		if !strings.HasPrefix(text, "#") {
			return false
		}
		if strings.Contains(strings.ToLower(text), ImportMarker) {
			return true
		}
	}
	return false
}
