package reflector

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// node is a JSON value that keeps its object keys in the order the file
// writes them, which encoding/json's maps do not: the reference lists a
// type's keys in the order the model declares them.
type node struct {
	keys   []string
	fields map[string]*node
	items  []*node
	value  any // string, json.Number, bool or nil for scalars
}

// parseOrdered reads one JSON document into a node tree.
func parseOrdered(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("schema: data after the top-level value")
	}
	return n, nil
}

// readNode reads the value at the decoder's position.
func readNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &node{fields: map[string]*node{}}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := k.(string)
				v, err := readNode(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := n.fields[key]; !dup {
					n.keys = append(n.keys, key)
				}
				n.fields[key] = v
			}
			_, err := dec.Token() // '}'
			return n, err
		case '[':
			n := &node{}
			for dec.More() {
				v, err := readNode(dec)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
			_, err := dec.Token() // ']'
			return n, err
		}
		return nil, fmt.Errorf("schema: unexpected %v", t)
	default:
		return &node{value: tok}, nil
	}
}

// get returns the field key of an object node, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.fields == nil {
		return nil
	}
	return n.fields[key]
}

// str returns a scalar's text ("" for a missing node or a non-scalar).
func (n *node) str() string {
	if n == nil || n.fields != nil || n.items != nil {
		return ""
	}
	switch v := n.value.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return ""
}

// strings returns the texts of an array node's scalar items.
func (n *node) strings() []string {
	if n == nil {
		return nil
	}
	out := make([]string, 0, len(n.items))
	for _, it := range n.items {
		out = append(out, it.str())
	}
	return out
}
