package compiler

import "bytes"

// maxMappingKeys is how many keys a mapping may have: no object of the
// schema has more than 15, all of them closed (additionalProperties:
// false), so a mapping with more is wrong whatever its keys, and only
// a file made to exhaust memory has thousands.
const maxMappingKeys = 64

// prescan looks for a mapping with more than maxMappingKeys keys in the
// raw text, before yaml.v3 builds a node for every value (about 170 bytes
// each: 2,000,000 keys would take 700 MB before any check could run). It
// reads block mappings by indentation and flow mappings by their commas,
// skipping comments, quoted strings and block scalars; anything it does not
// follow it leaves to the parser, so it can miss a large mapping but never
// refuses a file that has none.
func prescan(src Source) Diagnostics {
	var diags Diagnostics
	refuse := func(line, col int, flow bool) Diagnostics {
		kind := "block"
		if flow {
			kind = "flow"
		}
		diags.errorf(Pos{File: src.Name, Line: line, Col: col}, CodeTooManyKeys,
			"this %s mapping has more than %d keys (no hybridc object has more than 15): the file is refused before it is read in full",
			kind, maxMappingKeys)
		return diags
	}
	type level struct{ indent, keys int }
	var stack []level
	blockScalar := -1 // indentation a block scalar's lines must exceed, or -1
	lines := bytes.Split(src.Data, []byte("\n"))
	for i, raw := range lines {
		line := bytes.TrimRight(raw, "\r")
		text := bytes.TrimLeft(line, " ")
		indent := len(line) - len(text)
		if blockScalar >= 0 {
			if len(text) == 0 || indent > blockScalar {
				continue
			}
			blockScalar = -1
		}
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		if bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) || text[0] == '%' || text[0] == '\t' {
			return nil // documents and directives, tabs: left to the parser
		}
		col := indent
		for len(text) > 0 && text[0] == '-' && (len(text) == 1 || text[1] == ' ') {
			for len(stack) > 0 && stack[len(stack)-1].indent >= col {
				stack = stack[:len(stack)-1]
			}
			rest := bytes.TrimLeft(text[1:], " ")
			col += len(text) - len(rest)
			text = rest
		}
		value, scalarIndent := text, indent
		if key, ok := blockKey(text); ok {
			for len(stack) > 0 && stack[len(stack)-1].indent > col {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 && stack[len(stack)-1].indent == col {
				stack[len(stack)-1].keys++
			} else {
				stack = append(stack, level{indent: col, keys: 1})
			}
			if stack[len(stack)-1].keys > maxMappingKeys {
				return refuse(i+1, col+1, false)
			}
			value, scalarIndent = bytes.TrimLeft(text[key:], " "), col
		} else {
			for len(stack) > 0 && stack[len(stack)-1].indent > col {
				stack = stack[:len(stack)-1]
			}
		}
		value = skipProperties(value)
		switch {
		case len(value) == 0:
		case value[0] == '|' || value[0] == '>':
			blockScalar = scalarIndent
		case value[0] == '{' || value[0] == '[':
			if l, c, ok := flowKeys(lines, i, len(line)-len(value)); ok && l > 0 {
				return refuse(l, c, true)
			}
			return nil // what follows a flow collection: left to the parser
		case value[0] == '"' || value[0] == '\'':
			if bytes.IndexByte(value[1:], value[0]) < 0 {
				return nil // a quoted string over lines: left to the parser
			}
		}
	}
	return nil
}

// skipProperties skips an anchor (&name) and a tag (!tag) before a value.
func skipProperties(value []byte) []byte {
	for len(value) > 0 && (value[0] == '&' || value[0] == '!') {
		end := bytes.IndexByte(value, ' ')
		if end < 0 {
			return nil
		}
		value = bytes.TrimLeft(value[end:], " ")
	}
	return value
}

// blockKey returns the length of a block mapping key and its colon at the
// start of text ("name:" followed by a space or the end of the line), for
// plain and quoted keys.
func blockKey(text []byte) (int, bool) {
	switch {
	case len(text) == 0 || bytes.IndexByte([]byte("#[]{},&*!|>%@`?"), text[0]) >= 0:
		return 0, false
	case text[0] == '"' || text[0] == '\'':
		end := bytes.IndexByte(text[1:], text[0])
		if end < 0 || bytes.IndexByte(text[1:end+1], '\\') >= 0 {
			return 0, false
		}
		text2 := text[end+2:]
		if len(text2) > 0 && text2[0] == ':' && (len(text2) == 1 || text2[1] == ' ') {
			return end + 3, true
		}
		return 0, false
	}
	for j := 0; j < len(text); j++ {
		switch text[j] {
		case ':':
			if j+1 == len(text) || text[j+1] == ' ' {
				return j + 1, true
			}
		case '#':
			if j > 0 && text[j-1] == ' ' {
				return 0, false
			}
		}
	}
	return 0, false
}

// flowKeys follows the flow collection starting at lines[i][start] to its
// end, counting the entries of each flow mapping in it; it returns the
// 1-based line and column of the entry beyond maxMappingKeys of a mapping
// that has more, or 0, and false when it could not follow the text.
func flowKeys(lines [][]byte, i, start int) (int, int, bool) {
	var stack []int // entries of each open collection; -1 for a list
	for ; i < len(lines); i, start = i+1, 0 {
		line := lines[i]
		for j := start; j < len(line); j++ {
			switch c := line[j]; c {
			case '"', '\'':
				if !scalarStart(line, j) {
					continue // inside a plain scalar (it's)
				}
				end := bytes.IndexByte(line[j+1:], c)
				if end < 0 || (c == '"' && bytes.IndexByte(line[j+1:j+1+end], '\\') >= 0) {
					return 0, 0, false // escapes and strings over lines: left to the parser
				}
				j += end + 1
			case '#':
				if j == 0 || line[j-1] == ' ' {
					j = len(line)
				}
			case '{':
				stack = append(stack, 1)
			case '[':
				stack = append(stack, -1)
			case '}', ']':
				if len(stack) == 0 {
					return 0, 0, false
				}
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return 0, 0, true
				}
			case ',':
				if n := len(stack); n > 0 && stack[n-1] > 0 {
					if stack[n-1]++; stack[n-1] > maxMappingKeys {
						return i + 1, j + 2, true
					}
				}
			}
		}
	}
	return 0, 0, false
}

// scalarStart reports whether line[j] starts a scalar in a flow
// collection: the first character other than a space after { [ , or :.
func scalarStart(line []byte, j int) bool {
	for j--; j >= 0 && line[j] == ' '; j-- {
	}
	return j < 0 || bytes.IndexByte([]byte("{[,:"), line[j]) >= 0
}
