package load

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/diag"
)

// textForm refuses a file that YAML would read otherwise than git, an
// editor or a reviewer sees it (HC0108): only UTF-8 with LF or CRLF line
// breaks is read. YAML also breaks lines at a lone CR and, in yaml.v3, at
// U+0085, U+2028 and U+2029, which git's diffs and most review tools show
// inside one line, so a pull request could hide a line of configuration
// in what reads as a comment; and a UTF-16 file, which yaml.v3 accepts,
// holds bytes 0x0D and 0x0A that are not line breaks, so the
// configuration's hash (taken of the text with its line breaks written as
// LF) would not be the hash of what was read. The position is that of the
// first offending character.
func textForm(src Source) diag.Diagnostics {
	var diags diag.Diagnostics
	if at, msg := textProblem(src.Data); at >= 0 {
		diags.Errorf(OffsetPos(src.Name, src.Data, at), diag.CodeTextForm, "%s", msg)
	}
	return diags
}

// textProblem returns the offset of the first character textForm refuses
// and why, or -1.
func textProblem(data []byte) (int, string) {
	for _, bom := range [][]byte{{0, 0, 0xFE, 0xFF}, {0xFF, 0xFE, 0, 0}, {0xFE, 0xFF}, {0xFF, 0xFE}} {
		if bytes.HasPrefix(data, bom) {
			return 0, "the file is UTF-16 or UTF-32 (its byte order mark says so): save it as UTF-8, the only encoding hybridc reads"
		}
	}
	start := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		start = 3
	}
	for i := start; i < len(data); {
		c := data[i]
		if c == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			return i, "a carriage return without a line feed: YAML reads it as a line break, git and review tools show it inside a line; use LF or CRLF line breaks"
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i, fmt.Sprintf("byte 0x%02X is not UTF-8: save the file as UTF-8, the only encoding hybridc reads", c)
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			return i, fmt.Sprintf("U+%04X: YAML reads it as a line break, git and review tools show it inside a line; remove it", r)
		}
		i += size
	}
	return -1, ""
}
