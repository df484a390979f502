package kinds

// Comparison rules: how a script compares a property's current value with
// the declared one.
const (
	CompareValue = ""    // as strings, case-insensitively
	CompareSet   = "set" // as sets of strings, case-insensitively
	// CompareSuperset requires the declared strings among the current ones,
	// case-insensitively; the scripts add the missing ones (@{ Add = ... })
	// and keep the others.
	CompareSuperset = "superset"
	CompareURI      = "uri"       // as URLs, ignoring a trailing slash and case
	CompareIdentity = "principal" // as the object the declared name resolves to
	// CompareRecipients compares lists of recipients as sets, resolving
	// each declared name.
	CompareRecipients = "recipients"
	// CompareAddressSpaces requires the declared address spaces among the
	// current ones; others are kept.
	CompareAddressSpaces = "addressSpaces"
)

// Property is one managed setting of a resource, named after the cmdlet
// parameter that sets it. Value is a string, a bool or a []string.
type Property struct {
	Name    string
	Value   any
	Compare string
	// Additive marks a list the scripts only add to (a send connector's
	// address spaces, a group's members): an item taken out of the YAML is
	// left in place, not removed.
	Additive bool
}

// Engine is how a script's engine handles one kind of resource: the
// PowerShell function that reconciles a step of that kind and the template
// sections it needs.
type Engine struct {
	Function string
	Uses     []string
}

// Decl is what every kind declares, whatever its configuration and state
// types: its name as dependsOn writes it, its family (the engine template
// engine-<family>.ps1.tmpl) and its engine.
type Decl struct {
	// Name is the kind as dependsOn references and messages write it.
	Name string
	// Family is the engine template that reconciles it.
	Family string
	// Engine is its Sync- function and the sections it needs. A kind whose
	// engine depends on the organization (Send As) has none here: see
	// Engines.
	Engine Engine
	// After are the kinds a resource of this kind comes after, every
	// present resource of them in the same script (its implicit
	// dependencies).
	After []string
	// DirectoryReads are the bulk directory reads its engine needs
	// (Initialize-HybridcDirectory and the group index), each made once
	// per script whatever needs it.
	DirectoryReads []string
	// Reads, Writes and Removes are the cmdlets the engine calls for it,
	// for readers of the declaration (the rendered script is the
	// authority: scriptCommands reads them from it).
	Reads, Writes, Removes []string
	// Creates are the cmdlets that create an object but take none of its
	// settings (New-RemoteDomain): the engine sets them with Writes.
	Creates []string
}

// Kind is a kind whose settings map one to one onto cmdlet parameters:
// C is its declaration in the configuration, S its entry in a state file.
type Kind[C, S any] struct {
	Decl
	// Fields are the managed settings, in the configuration's (and the
	// YAML's) order.
	Fields []Field[C, S]
	// Listed, when set, places the kind's objects in a state file: the
	// compiler then needs no code of its own for it (StateKinds).
	Listed *Listed[C, S]
}

// Field is one managed setting of a kind.
type Field[C, S any] struct {
	// Key is the YAML key, Param the cmdlet parameter.
	Key, Param string
	// Compare is how the engine compares it (CompareValue, ...).
	Compare string
	// Additive marks a list the scripts only add to.
	Additive bool
	// First lists the property before the others in the resource's
	// properties (and so in the script's data), as the cmdlet's
	// documentation does.
	First bool
	// Declared is the configuration's value (a string, a bool or a
	// []string) and whether the configuration declares it.
	Declared func(*C) (any, bool)
	// Current is the state's value as the engine compares it: nil when
	// the state holds none.
	Current func(*S) any
	// Synthesize writes the declared value into a state entry, as the
	// export would read it after the script ran.
	Synthesize func(*C, *S)
	// Import writes the state's value into a declaration, as hybridc
	// import declares it (nil: imported by the kind's own hook).
	Import func(*S, *C)
	// convert imports with a conversion of the values (Lower).
	convert func(s *S, c *C, norm func([]string) []string)
}

// Properties are the settings c declares, First ones first, then in the
// order of Fields. Settings it leaves out are not managed and not listed.
func (k *Kind[C, S]) Properties(c *C) []Property {
	var out []Property
	for _, pass := range []bool{true, false} {
		for _, f := range k.Fields {
			if f.First != pass {
				continue
			}
			if v, ok := f.Declared(c); ok {
				out = append(out, Property{Name: f.Param, Value: v, Compare: f.Compare, Additive: f.Additive})
			}
		}
	}
	return out
}

// Current is the state's value of the setting named by its cmdlet
// parameter, or nil.
func (k *Kind[C, S]) Current(s *S, param string) any {
	for _, f := range k.Fields {
		if f.Param == param {
			return f.Current(s)
		}
	}
	return nil
}

// Declared lists the settings c declares in the configuration's order,
// with their YAML keys and cmdlet parameters: what the runbook verifies
// and import writes.
func (k *Kind[C, S]) Declared(c *C) []Setting {
	var out []Setting
	for _, f := range k.Fields {
		if v, ok := f.Declared(c); ok {
			out = append(out, Setting{Key: f.Key, Param: f.Param, Value: v})
		}
	}
	return out
}

// Setting is one declared value with its YAML key and cmdlet parameter.
type Setting struct {
	Key, Param string
	Value      any
}

// Synthesize writes every declared setting of c into s.
func (k *Kind[C, S]) Synthesize(c *C, s *S) {
	for _, f := range k.Fields {
		f.Synthesize(c, s)
	}
}

// Import writes every setting the state holds into c, for the fields
// imported field by field.
func (k *Kind[C, S]) Import(s *S, c *C) {
	for _, f := range k.Fields {
		if f.Import != nil {
			f.Import(s, c)
		}
	}
}

// Param is the cmdlet parameter of the field whose YAML key is key: what
// messages name a setting by ("" for no such field).
func (k *Kind[C, S]) Param(key string) string {
	for _, f := range k.Fields {
		if f.Key == key {
			return f.Param
		}
	}
	return ""
}

// Params are the cmdlet parameters of the kind's fields, in order.
func (k *Kind[C, S]) Params() []string {
	out := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		out[i] = f.Param
	}
	return out
}
