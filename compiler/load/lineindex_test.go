package load

import (
	"strings"
	"testing"
)

// TestLineIndexAgreesWithOffsetPos: a LineIndex places every offset (and
// offsets out of range) where OffsetPos does, whatever ends the lines
// (\n, \r\n, a lone \r, a final \r) and whatever the characters (several
// bytes, invalid UTF-8: one character per byte).
func TestLineIndexAgreesWithOffsetPos(t *testing.T) {
	for _, text := range []string{
		"", "a", "\n", "\r", "\r\n", "ab\ncd\r\nef\rgh\r",
		"{\"a\": \"\u00e9\u00e9\u2603\", \"b\": 1}\r\n\"\U0001F600x\"\n\n\xff\xfe z\r",
		"\r\r\n\n\r", "\xe2\x82A\xc3\xa9\xe2\x82\xe2\x82\xac\xf0\x9f\x98\xc3",
	} {
		data := []byte(text)
		x := NewLineIndex("f", data)
		// In increasing order (counting on from the previous offset),
		// then each offset after every other (counting from scratch).
		for off := -2; off <= len(data)+2; off++ {
			if got, want := x.Pos(off), OffsetPos("f", data, off); got != want {
				t.Errorf("%q at %d: %v, want %v", text, off, got, want)
			}
		}
		for a := -1; a <= len(data)+1; a++ {
			for b := -1; b <= len(data)+1; b++ {
				x.Pos(a)
				if got, want := x.Pos(b), OffsetPos("f", data, b); got != want {
					t.Errorf("%q at %d after %d: %v, want %v", text, b, a, got, want)
				}
			}
		}
	}
}

// TestLineIndexCountsEachLineOnce: placing the offsets of a one-line text
// in increasing order reads it once, where counting each column from the
// line's start read it n/2 times over (a one-line JSON state of 50,000
// entries, each traced by import).
func TestLineIndexCountsEachLineOnce(t *testing.T) {
	data := []byte(strings.Repeat(`{"name": "\u00e9x"}, `, 10000))
	x := NewLineIndex("f", data)
	for off := 0; off < len(data); off += 7 {
		x.Pos(off)
	}
	if x.counted > len(data) {
		t.Errorf("counted %d bytes of a %d-byte line", x.counted, len(data))
	}
}
