package kinds

import (
	"slices"

	"github.com/hybridc/hybridc/compiler/state"
)

// Listed says where a kind's objects are in a state file and how the
// engine matches a declaration with one: with it, the compiler compares,
// synthesizes and lays out the kind's data without code of its own.
type Listed[C, S any] struct {
	// List is the state's list of the kind's objects.
	List func(*state.State) *[]S
	// KeyParam is the cmdlet parameter (and data key) of the value the
	// engine matches by, when it is not the resource's name (DomainName);
	// Key and StateKey read it from a declaration and a state entry.
	KeyParam string
	Key      func(*C) string
	StateKey func(*S) string
	// Keys and StateKeys, when set instead of Key and StateKey, match by
	// overlap: a state entry matches a declaration when any of its values
	// is one of the declaration's (an intra-organization connector's
	// target address domains).
	Keys      func(*C) []string
	StateKeys func(*S) []string
	// StateName is a state entry's name, which names it when several
	// entries match one declaration (nil: its key).
	StateName func(*S) string
	// MustExist: the engine never creates an object of the kind (it only
	// adds to an existing one); a declaration without one fails.
	MustExist bool
	// Entry is a state entry for a resource named name, with its identity
	// (the settings are written by the fields).
	Entry func(name string, c *C) S
}

// StateKind is a kind the compiler handles from its declaration alone
// (a Kind with Listed), whatever its types.
type StateKind interface {
	// CurrentIndex indexes once the state's objects of the kind by their
	// identity folded with fold (the compiler's FoldIdentity: ordinal,
	// ignoring case as .NET folds it, which strings.EqualFold does not: it
	// takes the Kelvin sign for a K). The lookup it returns gives the
	// current value by cmdlet parameter of the first object spec matches
	// (the engine takes $current[0]) and the names of every object it
	// matches (none: it has no object; several: the engine refuses to
	// choose), in time independent of the state's size. A caller comparing
	// many declarations with one state builds it once.
	CurrentIndex(st *state.State, fold func(string) string) func(spec any) (current func(param string) any, matches []string)
	// SynthesizeInto adds to st the object spec leaves once its script ran.
	SynthesizeInto(st *state.State, name string, spec any)
	// Identity is the data key and value the engine matches spec by ("",
	// "" when it is the name).
	Identity(spec any) (key, value string)
	// Creating are the cmdlets that create the object without its
	// settings (Decl.Creates).
	Creating() []string
	// MustExist is true when the engine never creates the object.
	MustExist() bool
}

// CurrentIndex implements StateKind.
func (k *Kind[C, S]) CurrentIndex(st *state.State, fold func(string) string) func(spec any) (func(param string) any, []string) {
	list := *k.Listed.List(st)
	all := make(map[string][]int, len(list))
	for i := range list {
		for _, key := range k.stateKeys(&list[i]) {
			key = fold(key)
			if n := len(all[key]); n == 0 || all[key][n-1] != i {
				all[key] = append(all[key], i)
			}
		}
	}
	return func(spec any) (func(param string) any, []string) {
		var found []int
		for _, key := range k.keys(spec.(*C)) {
			for _, i := range all[fold(key)] {
				if !slices.Contains(found, i) {
					found = append(found, i)
				}
			}
		}
		if len(found) == 0 {
			return nil, nil
		}
		slices.Sort(found)
		matches := make([]string, len(found))
		for j, i := range found {
			matches[j] = k.stateKeys(&list[i])[0]
			if k.Listed.StateName != nil {
				matches[j] = k.Listed.StateName(&list[i])
			}
		}
		s := &list[found[0]]
		return func(param string) any { return k.Current(s, param) }, matches
	}
}

// keys are the values a declaration is matched by.
func (k *Kind[C, S]) keys(c *C) []string {
	if k.Listed.Keys != nil {
		return k.Listed.Keys(c)
	}
	return []string{k.Listed.Key(c)}
}

// stateKeys are the values a state entry is matched by (at least one).
func (k *Kind[C, S]) stateKeys(s *S) []string {
	if k.Listed.StateKeys != nil {
		if v := k.Listed.StateKeys(s); len(v) > 0 {
			return v
		}
		return []string{""}
	}
	return []string{k.Listed.StateKey(s)}
}

// SynthesizeInto implements StateKind.
func (k *Kind[C, S]) SynthesizeInto(st *state.State, name string, spec any) {
	s := k.Listed.Entry(name, spec.(*C))
	k.Synthesize(spec.(*C), &s)
	list := k.Listed.List(st)
	*list = append(*list, s)
}

// Identity implements StateKind.
func (k *Kind[C, S]) Identity(spec any) (key, value string) {
	if k.Listed.KeyParam == "" {
		return "", ""
	}
	return k.Listed.KeyParam, k.Listed.Key(spec.(*C))
}

// Creating implements StateKind.
func (k *Kind[C, S]) Creating() []string { return k.Creates }

// MustExist implements StateKind.
func (k *Kind[C, S]) MustExist() bool { return k.Listed.MustExist }
