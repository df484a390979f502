package load

import "testing"

// TestLineIndexAgreesWithOffsetPos: a LineIndex places every offset (and
// offsets out of range) where OffsetPos does, whatever ends the lines
// (\n, \r\n, a lone \r, a final \r) and whatever the characters (several
// bytes, invalid UTF-8: one character per byte).
func TestLineIndexAgreesWithOffsetPos(t *testing.T) {
	for _, text := range []string{
		"", "a", "\n", "\r", "\r\n", "ab\ncd\r\nef\rgh\r",
		"{\"a\": \"\u00e9\u00e9\u2603\", \"b\": 1}\r\n\"\U0001F600x\"\n\n\xff\xfe z\r",
		"\r\r\n\n\r",
	} {
		data := []byte(text)
		x := NewLineIndex("f", data)
		for off := -2; off <= len(data)+2; off++ {
			if got, want := x.Pos(off), OffsetPos("f", data, off); got != want {
				t.Errorf("%q at %d: %v, want %v", text, off, got, want)
			}
		}
	}
}
