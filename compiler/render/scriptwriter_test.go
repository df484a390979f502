package render

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// TestScriptWriterInPieces: the template writes a script in pieces; the
// file is the one finish makes of the whole text, wherever the pieces
// split it, and what finish refuses is refused across pieces too.
func TestScriptWriterInPieces(t *testing.T) {
	texts := []string{"a\nb", "a\nb\n\n\n", "\n\n", "", "line one\n\nline three\n", "x = 'y'\n" + strings.Repeat("z", 100) + "\n",
		"# SIG # Begin signature block\n", "a\n# sig # begin SIGNATURE block", "ok\n\u00e9\n", "a\r\nb\n"}
	for _, text := range texts {
		want, wantErr := finishWhole([]byte(text))
		for step := 1; step <= 7; step++ {
			w := newScriptWriter(len(text))
			for i := 0; i < len(text); i += step {
				if _, err := w.Write([]byte(text[i:min(i+step, len(text))])); err != nil {
					t.Fatal(err)
				}
			}
			got, err := w.file()
			if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
				t.Errorf("%q in pieces of %d: %q, %v; want %q, %v", text, step, got, err, want, wantErr)
			}
		}
	}
}

// finishWhole is finish as it was written before scriptWriter: the checks
// on the whole text, then its lines joined with CRLF after a byte order
// mark.
func finishWhole(text []byte) ([]byte, error) {
	if bytes.IndexByte(text, '\r') >= 0 {
		return nil, errorString("internal error: a carriage return reached the script text")
	}
	if containsMarker(text) {
		return nil, errorString("internal error: the signature marker reached the script text")
	}
	if i := NonASCII(text); i >= 0 {
		return nil, errorString("internal error: a character outside ASCII reached the script text at line " + strconv.Itoa(bytes.Count(text[:i], []byte("\n"))+1))
	}
	text = bytes.TrimRight(text, "\n")
	out := []byte("\ufeff")
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			i = len(text)
		}
		out = append(append(out, text[:i]...), '\r', '\n')
		text = text[min(i+1, len(text)):]
	}
	return out, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestPlainLiteral: a value plainLiteral lets through is written as
// dataString writes it, and what needs more than quotes is not let through.
func TestPlainLiteral(t *testing.T) {
	for _, s := range []string{"user000123@contoso.com", "", "Calendar", "a b-c_d.e", "it's", "#", "# SIG # Begin signature block",
		"~u~x", "~u", "Kovács", "tab\there", "\u2019", "x\x7f"} {
		want, escaped, err := pstext.DataString(s)
		if pstext.PlainLiteral(s) && (err != nil || escaped || want != "'"+s+"'") {
			t.Errorf("plainLiteral(%q) = true, but dataString writes %q (escaped %t, %v)", s, want, escaped, err)
		}
	}
	for _, s := range []string{"it's", "# x", "~u~x", "Kovács", "a\tb"} {
		if pstext.PlainLiteral(s) {
			t.Errorf("plainLiteral(%q) = true", s)
		}
	}
}

// TestScriptWriterSplicesData: a data writer writes the data where the
// template printed the placeholder, as if the data had been printed
// there, and refuses a script where the placeholder was printed other
// than once.
func TestScriptWriterSplicesData(t *testing.T) {
	const data = "    @(\n        'a',\n        'b'\n    )"
	write := func(pieces ...string) ([]byte, error) {
		w := newDataWriter(data, 64)
		for _, p := range pieces {
			if _, err := w.Write([]byte(p)); err != nil {
				t.Fatal(err)
			}
		}
		return w.file()
	}
	want, err := finishWhole([]byte("$Data = @{\n" + data + "\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := write("$Data = @{\n", dataPlaceholder, "\n}\n"); err != nil || !bytes.Equal(got, want) {
		t.Errorf("spliced: %q, %v; want %q", got, err, want)
	}
	for _, pieces := range [][]string{{"no data\n"}, {dataPlaceholder, "\n", dataPlaceholder}} {
		if _, err := write(pieces...); err == nil || !strings.Contains(err.Error(), "data section was printed") {
			t.Errorf("%q: %v, want the data section refused", pieces, err)
		}
	}
}
