package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// Finish converts a rendered script to its file form: CRLF line endings, a
// final newline, and a UTF-8 byte order mark. It refuses output that holds a
// carriage return of its own, the signature marker, or any byte outside
// ASCII, which would mean a value escaped quoting or escaping: the text
// after the byte order mark is pure ASCII, so the script reads the same in
// UTF-8 and in any ANSI code page, with or without its byte order mark.
func Finish(text []byte) ([]byte, error) {
	w := newScriptWriter(len(text))
	_, _ = w.Write(text)
	return w.file()
}

// scriptWriter is finish as the template writes: it takes the rendered
// text and builds the file form as it comes, so that a script is held
// once, in a buffer sized for it, not once as text and once as its file.
type scriptWriter struct {
	out []byte
	// cr is set when the text held a carriage return of its own.
	cr bool
	// data, when splice is set, is written where the template prints
	// dataPlaceholder; splices counts the places.
	data    string
	splice  bool
	splices int
}

// dataPlaceholder is what the template prints for the data section while
// a scriptWriter with data writes it: the writer writes the data in its
// place, so that the data (tens of megabytes for a large configuration)
// is copied once, into the file, not first through text/template's
// printing. Its NUL bytes are in no value of the view, and file refuses a
// script where it was printed other than once.
const dataPlaceholder = "\x00hybridc:data\x00"

// bom is the UTF-8 byte order mark every script starts with.
const bom = "\ufeff"

// newScriptWriter returns a writer with room for about size bytes of text.
func newScriptWriter(size int) *scriptWriter {
	w := &scriptWriter{out: make([]byte, 0, size+size/16+8)}
	w.out = append(w.out, bom...)
	return w
}

// newDataWriter is newScriptWriter for a template that prints
// dataPlaceholder where data goes.
func newDataWriter(data string, engine int) *scriptWriter {
	w := newScriptWriter(len(data) + engine)
	w.data, w.splice = data, true
	return w
}

// Write adds text, each line break written CRLF; the data where the
// template printed dataPlaceholder.
func (w *scriptWriter) Write(p []byte) (int, error) {
	if w.splice && string(p) == dataPlaceholder {
		w.splices++
		w.out, w.cr = appendCRLF(w.out, w.data, w.cr)
		return len(p), nil
	}
	w.out, w.cr = appendCRLF(w.out, p, w.cr)
	return len(p), nil
}

// appendCRLF appends text to out, each line break written CRLF, and
// reports whether cr was set or the text held a carriage return.
func appendCRLF[T string | []byte](out []byte, p T, cr bool) ([]byte, bool) {
	cr = cr || indexByte(p, '\r') >= 0
	for len(p) > 0 {
		i := indexByte(p, '\n')
		if i < 0 {
			return append(out, p...), cr
		}
		out = append(append(out, p[:i]...), '\r', '\n')
		p = p[i+1:]
	}
	return out, cr
}

// indexByte is strings.IndexByte or bytes.IndexByte, as p is.
func indexByte[T string | []byte](p T, c byte) int {
	switch p := any(p).(type) {
	case string:
		return strings.IndexByte(p, c)
	case []byte:
		return bytes.IndexByte(p, c)
	}
	return -1
}

// file checks the text written and returns the file: the text without
// its trailing line breaks, and one CRLF after it unless it is empty.
func (w *scriptWriter) file() ([]byte, error) {
	if w.cr {
		return nil, fmt.Errorf("internal error: a carriage return reached the script text")
	}
	if w.splice && w.splices != 1 {
		return nil, fmt.Errorf("internal error: the data section was printed %d times", w.splices)
	}
	text := w.out[len(bom):]
	if containsMarker(text) {
		return nil, fmt.Errorf("internal error: the signature marker reached the script text")
	}
	if i := NonASCII(text); i >= 0 {
		line := bytes.Count(text[:i], []byte("\n")) + 1
		return nil, fmt.Errorf("internal error: a character outside ASCII reached the script text at line %d", line)
	}
	for bytes.HasSuffix(w.out[len(bom):], []byte("\r\n")) {
		w.out = w.out[:len(w.out)-2]
	}
	if len(w.out) > len(bom) {
		w.out = append(w.out, '\r', '\n')
	}
	return w.out, nil
}

// containsMarker reports whether text holds the signature marker in any
// letter case.
func containsMarker(text []byte) bool {
	for i := bytes.IndexByte(text, '#'); i >= 0; {
		if rest := text[i:]; len(rest) >= len(pstext.SignatureMarker) && strings.EqualFold(string(rest[:len(pstext.SignatureMarker)]), pstext.SignatureMarker) {
			return true
		}
		next := bytes.IndexByte(text[i+1:], '#')
		if next < 0 {
			return false
		}
		i += next + 1
	}
	return false
}

// NonASCII returns the offset of the first byte of text outside ASCII, or
// -1.
func NonASCII(text []byte) int {
	for i, c := range text {
		if c >= 0x80 {
			return i
		}
	}
	return -1
}
