package authenticode

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The lines that open and close a signature block.
const (
	beginMarker = "# SIG # Begin signature block"
	endMarker   = "# SIG # End signature block"
	lineWidth   = 64 // base64 characters per block line, as Windows writes them
)

// textEncoding is the encoding of a script file.
type textEncoding int

const (
	encUTF8    textEncoding = iota // UTF-8, with or without byte-order mark
	encUTF16LE                     // UTF-16LE with byte-order mark FF FE
)

// detectEncoding tells a script's encoding from its byte-order mark.
func detectEncoding(script []byte) (textEncoding, error) {
	switch {
	case bytes.HasPrefix(script, []byte{0xFF, 0xFE}):
		if len(script)%2 != 0 {
			return 0, fmt.Errorf("%w: UTF-16LE script has an odd number of bytes", ErrEncoding)
		}
		return encUTF16LE, nil
	case bytes.HasPrefix(script, []byte{0xFE, 0xFF}):
		return 0, fmt.Errorf("%w: UTF-16 big-endian scripts are not supported (save as UTF-8 with BOM)", ErrEncoding)
	}
	return encUTF8, nil
}

// unit is the size in bytes of one code unit.
func (e textEncoding) unit() int {
	if e == encUTF16LE {
		return 2
	}
	return 1
}

// encode returns s in the encoding.
func (e textEncoding) encode(s string) []byte {
	if e == encUTF8 {
		return []byte(s)
	}
	return appendUTF16LE(nil, s)
}

// appendUTF16LE appends the UTF-16LE encoding of s to dst.
func appendUTF16LE(dst []byte, s string) []byte {
	for _, r := range s {
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			dst = binary.LittleEndian.AppendUint16(dst, uint16(r1))
			dst = binary.LittleEndian.AppendUint16(dst, uint16(r2))
		} else {
			dst = binary.LittleEndian.AppendUint16(dst, uint16(r))
		}
	}
	return dst
}

// decode returns the text of b, which must be in the encoding.
func (e textEncoding) decode(b []byte) (string, error) {
	if e == encUTF8 {
		if !utf8.Valid(b) {
			return "", fmt.Errorf("%w: script is not valid UTF-8", ErrEncoding)
		}
		return string(b), nil
	}
	if len(b)%2 != 0 {
		return "", fmt.Errorf("%w: UTF-16LE text has an odd number of bytes", ErrEncoding)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u)), nil
}

// blockLocation tells where a signature block starts.
type blockLocation struct {
	bodyEnd int // end of the signed content (before the CRLF that precedes the block)
	start   int // start of the "# SIG # Begin signature block" line
}

// findBlock finds the first line that starts with the begin marker, as
// verifiers do. A marker on the very first line does not count.
func findBlock(script []byte, enc textEncoding) (blockLocation, bool) {
	marker, lf, cr := enc.encode(beginMarker), enc.encode("\n"), enc.encode("\r")
	u := enc.unit()
	for off := 0; off < len(script); {
		i := bytes.Index(script[off:], marker)
		if i < 0 {
			break
		}
		i += off
		if i%u == 0 && i >= u && bytes.Equal(script[i-u:i], lf) {
			end := i - u
			if end >= u && bytes.Equal(script[end-u:end], cr) {
				end -= u
			}
			return blockLocation{bodyEnd: end, start: i}, true
		}
		off = i + 1
	}
	return blockLocation{}, false
}

// encodeBlock renders a DER signature as a signature block in the encoding,
// starting with the CRLF that separates it from the body.
func encodeBlock(der []byte, enc textEncoding) []byte {
	b64 := base64.StdEncoding.EncodeToString(der)
	var sb strings.Builder
	sb.WriteString("\r\n" + beginMarker + "\r\n")
	for len(b64) > 0 {
		n := min(lineWidth, len(b64))
		sb.WriteString("# " + b64[:n] + "\r\n")
		b64 = b64[n:]
	}
	sb.WriteString(endMarker + "\r\n")
	return enc.encode(sb.String())
}

// base64Chars are the characters of standard base64 text.
const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="

// decodeBlock parses a signature block (from its begin line to the end of
// the file) and returns the DER it holds.
func decodeBlock(tail []byte, enc textEncoding) ([]byte, error) {
	text, err := enc.decode(tail)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	if lines[0] != beginMarker {
		return nil, fmt.Errorf("%w: the begin line has extra text", ErrMalformed)
	}
	var b64 strings.Builder
	i := 1
	for ; i < len(lines) && lines[i] != endMarker; i++ {
		data, ok := strings.CutPrefix(lines[i], "# ")
		if !ok {
			return nil, fmt.Errorf("%w: line %d of the block is not a '# ' comment", ErrMalformed, i+1)
		}
		// Only base64 characters: Go's decoder skips CR and LF inside the
		// text, which would let a line of the block carry a line break that
		// PowerShell reads as the end of the comment.
		if strings.TrimLeft(data, base64Chars) != "" {
			return nil, fmt.Errorf("%w: line %d of the block holds a character that is not base64", ErrMalformed, i+1)
		}
		b64.WriteString(data)
	}
	if i == len(lines) {
		return nil, fmt.Errorf("%w: no '%s' line", ErrMalformed, endMarker)
	}
	for _, l := range lines[i+1:] {
		if strings.TrimSpace(l) != "" {
			return nil, fmt.Errorf("%w: text after '%s'", ErrMalformed, endMarker)
		}
	}
	der, err := base64.StdEncoding.DecodeString(b64.String())
	if err != nil || len(der) == 0 {
		return nil, fmt.Errorf("%w: invalid base64", ErrMalformed)
	}
	return der, nil
}

// signableBody returns the part of script to sign: the script itself, or the
// body before an existing, well-formed signature block at its end. It refuses
// a body that contains the begin marker, since verifiers would then take a
// different part of the file as the signed content.
func signableBody(script []byte, enc textEncoding) ([]byte, error) {
	body := script
	if loc, ok := findBlock(script, enc); ok {
		if _, err := decodeBlock(script[loc.start:], enc); err != nil {
			return nil, ErrMarkerInBody // not a block of ours: a marker line in the body
		}
		body = script[:loc.bodyEnd]
	}
	if bytes.Contains(body, enc.encode(beginMarker)) {
		return nil, ErrMarkerInBody
	}
	return body, nil
}

// hashInput returns the bytes Authenticode hashes for a script body: the body
// as UTF-16LE, converting UTF-8 text (and its BOM) first.
func hashInput(body []byte, enc textEncoding) ([]byte, error) {
	if enc == encUTF16LE {
		if len(body)%2 != 0 {
			return nil, fmt.Errorf("%w: UTF-16LE text has an odd number of bytes", ErrEncoding)
		}
		return body, nil
	}
	text, err := enc.decode(body)
	if err != nil {
		return nil, err
	}
	return appendUTF16LE(make([]byte, 0, 2*len(text)), text), nil
}

// CheckBlock reports whether a script's signature block, if it has one, is
// well formed: its lines are exactly a begin line, base64 comment lines and
// an end line, with nothing after it. It does not check the signature
// itself (Verify does).
func CheckBlock(script []byte) error {
	enc, err := detectEncoding(script)
	if err != nil {
		return err
	}
	loc, ok := findBlock(script, enc)
	if !ok {
		return nil
	}
	_, err = decodeBlock(script[loc.start:], enc)
	return err
}

// Strip returns the script without its signature block (and the CRLF that
// precedes it), and whether one was present. The block is found as verifiers
// find it: the first line starting with "# SIG # Begin signature block". A
// script without a block is returned unchanged. The result is a copy.
func Strip(script []byte) (body []byte, signed bool) {
	enc, err := detectEncoding(script)
	if err != nil {
		return slices.Clone(script), false
	}
	loc, ok := findBlock(script, enc)
	if !ok {
		return slices.Clone(script), false
	}
	return slices.Clone(script[:loc.bodyEnd]), true
}
