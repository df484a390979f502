package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
)

// facts are the sections of the table the compiler reads on every run
// (the clouds, the built-in role groups, the Exchange Server lifecycle):
// a few kilobytes of behaviour.json's 150, each decoded on its own when
// first needed, without the cmdlets and error shapes, which only the tests
// and the README read. A validate of a small file is a process of some
// 20 ms; decoding the whole table took 2 to 5 of them.
type facts struct {
	Clouds     []CloudEndpoints
	RoleGroups []RoleGroup
	Lifecycle  []Product
}

var (
	rawSections = sync.OnceValues(func() (map[string][]byte, error) { return sections(behaviourJSON) })
	clouds      = sync.OnceValues(func() ([]CloudEndpoints, error) { return section[CloudEndpoints]("clouds") })
	roleGroups  = sync.OnceValues(func() ([]RoleGroup, error) { return section[RoleGroup]("roleGroups") })
	lifecycle   = sync.OnceValues(func() ([]Product, error) { return section[Product]("lifecycle") })
)

// section decodes one section of the embedded table.
func section[T any](name string) ([]T, error) {
	raw, err := rawSections()
	if err != nil {
		return nil, fmt.Errorf("exchange: behaviour.json: %w", err)
	}
	return decodeSection[T](raw, name)
}

// decodeSection decodes the section name of a split table as strictly as
// Parse decodes the whole.
func decodeSection[T any](raw map[string][]byte, name string) ([]T, error) {
	var out []T
	dec := json.NewDecoder(bytes.NewReader(raw[name]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("exchange: behaviour.json: %s: %w", name, err)
	}
	return out, nil
}

// must returns a section of the embedded table; the data is embedded and
// tested, so a failure is a build defect.
func must[T any](load func() ([]T, error)) []T {
	v, err := load()
	if err != nil {
		panic(err)
	}
	return v
}

// parseFacts decodes the facts' sections of a behaviour table.
func parseFacts(data []byte) (*facts, error) {
	raw, err := sections(data)
	if err != nil {
		return nil, fmt.Errorf("exchange: behaviour.json: %w", err)
	}
	var f facts
	if f.Clouds, err = decodeSection[CloudEndpoints](raw, "clouds"); err != nil {
		return nil, err
	}
	if f.RoleGroups, err = decodeSection[RoleGroup](raw, "roleGroups"); err != nil {
		return nil, err
	}
	if f.Lifecycle, err = decodeSection[Product](raw, "lifecycle"); err != nil {
		return nil, err
	}
	return &f, nil
}

// sections splits a JSON object into its members' raw values, by key,
// without decoding them: it follows strings (and their escapes) and the
// nesting of objects and arrays only. Whether each value is valid JSON is
// left to its decoding; the object's own syntax is checked.
func sections(data []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return out, nil
	}
	for {
		end, err := valueEnd(data, i)
		if err != nil || data[i] != '"' {
			return nil, fmt.Errorf("offset %d: a key was expected", i)
		}
		var key string
		if err := json.Unmarshal(data[i:end], &key); err != nil {
			return nil, fmt.Errorf("offset %d: %w", i, err)
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, fmt.Errorf("offset %d: ':' was expected", i)
		}
		i = skipSpace(data, i+1)
		if end, err = valueEnd(data, i); err != nil {
			return nil, err
		}
		out[key] = data[i:end]
		i = skipSpace(data, end)
		switch {
		case i < len(data) && data[i] == ',':
			i = skipSpace(data, i+1)
		case i < len(data) && data[i] == '}':
			if rest := skipSpace(data, i+1); rest != len(data) {
				return nil, fmt.Errorf("offset %d: data after the object", rest)
			}
			return out, nil
		default:
			return nil, fmt.Errorf("offset %d: ',' or '}' was expected", i)
		}
	}
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the offset just after the JSON value starting at i: a
// string, an object or array (to its matching close), or a literal (to the
// next delimiter).
func valueEnd(data []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(data); j++ {
		c := data[j]
		if depth > 0 && !nested[c] {
			continue
		}
		switch c {
		case '"':
			k, err := stringEnd(data, j)
			if err != nil {
				return 0, err
			}
			if depth == 0 {
				return k, nil
			}
			j = k - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return j, checkLiteral(data, i, j)
			}
			if depth--; depth == 0 {
				return j + 1, nil
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return j, checkLiteral(data, i, j)
			}
		}
	}
	if depth > 0 {
		return 0, fmt.Errorf("offset %d: the value does not end", i)
	}
	return len(data), checkLiteral(data, i, len(data))
}

// nested marks the bytes that matter inside an object or array: a string's
// start and the nesting; the rest (white space, commas, colons, literals)
// valueEnd steps over without a switch.
var nested = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true}

// checkLiteral refuses an empty value.
func checkLiteral(data []byte, i, end int) error {
	if end == i {
		return fmt.Errorf("offset %d: a value was expected", i)
	}
	return nil
}

// stringEnd returns the offset just after the JSON string starting at i:
// after the first quote that an even number of backslashes (none, or
// escaped backslashes) precedes. It jumps from quote to quote
// (bytes.IndexByte), since the table is mostly the text of its strings.
func stringEnd(data []byte, i int) (int, error) {
	for j := i + 1; j < len(data); {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			break
		}
		q := j + k
		escapes := 0
		for p := q - 1; p > i && data[p] == '\\'; p-- {
			escapes++
		}
		if escapes%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
	return 0, fmt.Errorf("offset %d: the string does not end", i)
}
