package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
)

// UTF8BOM is the UTF-8 byte order mark, which YAML allows at the start of
// a file and reads as nothing.
var UTF8BOM = []byte("\ufeff")

// CanonicalText is the form of a configuration file that its SHA-256 is
// taken of: the bytes of the file with a leading UTF-8 byte order mark
// dropped, and every line break written as LF: CRLF and a lone CR each
// become one LF, as YAML 1.2 reads them (§5.4: CRLF, CR and LF are line
// breaks, and a parser normalizes every one to LF, in comments and inside
// quoted scalars alike). So two files that differ only in how their lines
// end, or in a byte order mark, are one configuration to YAML and to
// hybridc, and have one hash: git's core.autocrlf, which checks text files
// out with CRLF on Windows, or an editor that saves with a byte order
// mark, does not make a compiled script look stale. Any other byte counts.
// The command line also uses it to tell a compiled file whose line breaks
// git converted from one that was changed. data is not changed; when it is
// already canonical, it is returned as is.
func CanonicalText(data []byte) []byte {
	data = bytes.TrimPrefix(data, UTF8BOM)
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(data) && data[i+1] == '\n' {
				i++ // CRLF: one line break
			}
		}
		out = append(out, c)
	}
	return out
}

// SourceSHA256 is the SHA-256, in lower-case hex, that scripts' and the
// runbook's headers record for the configuration they were compiled from:
// that of CanonicalText(data). For a directory configuration, data is its
// manifest (Bundle.Source), whose lines carry this same hash of each file.
// It is the one place a configuration's hash is computed: every header
// that is written, and so every comparison of one (hybridc verify, compile
// --check), goes through it.
func SourceSHA256(data []byte) string {
	sum := sha256.Sum256(CanonicalText(data))
	return hex.EncodeToString(sum[:])
}
