package cli

import (
	"bytes"
	"crypto/x509"

	"github.com/hybridc/hybridc/cmd/authenticode"
	"github.com/hybridc/hybridc/compiler"
)

// sameText reports whether have and want differ, if at all, only in their
// line breaks (CRLF, LF, a lone CR) and a leading byte order mark: what
// git's core.autocrlf, or an editor, changes in a text file.
func sameText(have, want []byte) bool {
	return bytes.Equal(compiler.CanonicalText(have), compiler.CanonicalText(want))
}

// convertedScript is why a script that differs from what hybridc compiles
// only in its line breaks or byte order mark is not current: a script is
// byte-exact, CRLF after a byte order mark, and its signature covers every
// byte. Git converts it when .gitattributes does not say "*.ps1 -text"
// and core.autocrlf is set (Git for Windows' default), on commit or on
// checkout.
const convertedScript = "its line breaks or byte order mark were converted (git's core.autocrlf without '*.ps1 -text' in .gitattributes, or an editor): " +
	"a script must stay byte for byte what hybridc wrote (CRLF after a byte order mark), which its signature covers; " +
	"add '*.ps1 -text' to .gitattributes, compile (and sign) again and commit"

// convertedAfterSigning reports whether script, whose signature does not
// match its bytes, was signed in hybridc's form and then converted: given
// back a byte order mark and CRLF line breaks, its signature verifies.
func convertedAfterSigning(script []byte, roots *x509.CertPool) bool {
	text := compiler.CanonicalText(script)
	restored := make([]byte, 0, len(text)+len(text)/16+3)
	restored = append(restored, "\ufeff"...)
	restored = append(restored, bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))...)
	if bytes.Equal(restored, script) {
		return false
	}
	_, err := authenticode.Verify(restored, authenticode.VerifyOptions{Roots: roots})
	return err == nil
}

// textOnly are the compiled files that are documentation, not code:
// compile --check takes one that differs only in its line breaks as
// current, since git checks it out with CRLF under core.autocrlf when
// .gitattributes does not say "runbook.md -text" (repositories older than
// the .gitattributes hybridc init writes), and nothing signs or runs it.
var textOnly = map[string]bool{compiler.RunbookFile: true}
