package kinds

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/compiler/config"
)

// Text declares a string setting: cfg and st point at where the
// configuration and the state hold it. A URL of type config.HTTPSURL is
// imported only when it is one (an export may read http:// or nothing).
func Text[C, S any, T ~string](key, param, compare string, cfg func(*C) *T, st func(*S) *string) Field[C, S] {
	f := Field[C, S]{Key: key, Param: param, Compare: compare,
		Declared: func(c *C) (any, bool) {
			v := string(*cfg(c))
			return v, v != ""
		},
		Current: func(s *S) any {
			if v := *st(s); v != "" {
				return v
			}
			return nil
		},
		Synthesize: func(c *C, s *S) { *st(s) = string(*cfg(c)) },
	}
	f.convert = func(s *S, c *C, norm func([]string) []string) {
		v := norm([]string{*st(s)})[0]
		if _, https := any(*new(T)).(config.HTTPSURL); https && !httpsURL().MatchString(v) {
			return
		}
		*cfg(c) = T(v)
	}
	f.Import = func(s *S, c *C) { f.convert(s, c, same) }
	return f
}

// Bool declares an optional boolean setting.
func Bool[C, S any](key, param string, cfg func(*C) **bool, st func(*S) **bool) Field[C, S] {
	return Field[C, S]{Key: key, Param: param,
		Declared: func(c *C) (any, bool) {
			if b := *cfg(c); b != nil {
				return *b, true
			}
			return nil, false
		},
		Current: func(s *S) any {
			if b := *st(s); b != nil {
				return *b
			}
			return nil
		},
		Synthesize: func(c *C, s *S) { *st(s) = *cfg(c) },
		Import:     func(s *S, c *C) { *cfg(c) = *st(s) },
	}
}

// List declares a list setting. The state's list is the current value as
// it is (nil included, as a []string).
func List[C, S any, T ~string](key, param, compare string, cfg func(*C) *[]T, st func(*S) *[]string) Field[C, S] {
	f := Field[C, S]{Key: key, Param: param, Compare: compare,
		Declared: func(c *C) (any, bool) {
			v := *cfg(c)
			return texts(v), len(v) > 0
		},
		Current:    func(s *S) any { return *st(s) },
		Synthesize: func(c *C, s *S) { *st(s) = texts(*cfg(c)) },
	}
	f.convert = func(s *S, c *C, norm func([]string) []string) {
		var out []T
		if v := *st(s); len(v) > 0 {
			for _, x := range norm(v) {
				out = append(out, T(x))
			}
		}
		*cfg(c) = out
	}
	f.Import = func(s *S, c *C) { f.convert(s, c, same) }
	return f
}

// same is the identity conversion of imported values.
func same(v []string) []string { return v }

// Adds marks a list the scripts only add to.
func (f Field[C, S]) Adds() Field[C, S] {
	f.Additive = true
	return f
}

// Lead lists the setting before the others in the resource's properties.
func (f Field[C, S]) Lead() Field[C, S] {
	f.First = true
	return f
}

// Lower imports a name, or a list of names, in lower case, a list sorted
// (hybridc import declares domains so).
func (f Field[C, S]) Lower() Field[C, S] {
	convert := f.convert
	f.Import = func(s *S, c *C) {
		convert(s, c, func(v []string) []string {
			out := make([]string, len(v))
			for i, x := range v {
				out[i] = strings.ToLower(x)
			}
			if len(out) > 1 {
				slices.Sort(out)
			}
			return out
		})
	}
	return f
}

// ImportIf imports the setting only when when says the state's entry
// gives it meaning (a level whose access is on).
func (f Field[C, S]) ImportIf(when func(*S) bool) Field[C, S] {
	imp := f.Import
	f.Import = func(s *S, c *C) {
		if when(s) {
			imp(s, c)
		}
	}
	return f
}

// texts converts a list of named string types.
func texts[T ~string](in []T) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}

// httpsURL is config's HTTPSURL pattern, compiled on first use.
var httpsURL = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(config.Patterns["HTTPSURL"].Pattern) })

// Int declares an optional whole-number setting (an Unlimited count that
// hybridc declares as a number; the state holds 0 for none or Unlimited).
// Its value is the number's decimal text, as the engine compares it and
// Exchange prints it.
func Int[C, S any](key, param string, cfg func(*C) **int, st func(*S) *int) Field[C, S] {
	return Field[C, S]{Key: key, Param: param,
		Declared: func(c *C) (any, bool) {
			if n := *cfg(c); n != nil {
				return strconv.Itoa(*n), true
			}
			return nil, false
		},
		Current: func(s *S) any {
			if n := *st(s); n != 0 {
				return strconv.Itoa(n)
			}
			return nil
		},
		Synthesize: func(c *C, s *S) {
			if n := *cfg(c); n != nil {
				*st(s) = *n
			}
		},
		Import: func(s *S, c *C) {
			if n := *st(s); n != 0 {
				*cfg(c) = &n
			}
		},
	}
}
