package compiler

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	diagpkg "github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// fastStateCorpus is state files to compare the two decoders on: the
// examples, the refusal cases of TestLoadStateRefuses' kind, and variants
// the fast decoder must either decode exactly or leave to the careful one.
func fastStateCorpus(t testing.TB) [][]byte {
	var out [][]byte
	paths, _ := filepath.Glob("../examples/state/*.json")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	for _, body := range []string{
		``,
		`"recipients": [{"guid": "a", "name": "é", "emailAddresses": [], "grantSendOnBehalfTo": null}]`,
		`"recipients": []`, `"recipients": null`, `"folders": []`, `"folders": null`, `"federatedDomains": ["a", "b"]`,
		`"organizationConfig": {"name": "x", "isDehydrated": false, "aclableSyncedObjectEnabled": null}`,
		`"organizationConfig": null`, `"exchangeVersion": null`, `"$schema": "https://hybridc.dev/schema/state.schema.json"`,
		`"recipients": [{"guid": "a\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r\u0000"}]`,
		`"recipients": [{"guid": "a", "name": "a\ud800b"}]`, `"recipients": [{"guid": "\udc00"}]`, `"recipients": [{"guid": "\ud800\ud800\udc00"}]`,
		"\"recipients\": [{\"guid\": \"a\xff\"}]", "\"recipients\": [{\"guid\": \"a\x01\"}]", "\"recipients\": [{\"guid\": \"\xef\xbf\xbd\"}]",
		`"kind": "onPremises"`, `"Organization": "x"`, `"\u212Aind": "onPremises"`, `"\u006bind": "onPremises"`,
		`"permissions": [{"access": "SendAs", "mailbox": "a", "Mailbox": "b"}]`, `"permissions": [{"access": "SendAs", "MAILBOX": "b"}]`,
		`"permissions": [{"access": "SendAs", "mailbox": "a", "accessRights": ["SendAs"], "isInherited": true, "deny": false}]`,
		`"permissions": [{"access": "Read", "mailbox": "a"}]`, `"permissions": [{"access": "SendAs", "mailbox": " "}]`,
		`"recipients": [{"guid": "a"}, {}]`, `"recipients": [null]`, `"recipients": [{"guid": 5}]`, `"recipients": "everyone"`,
		`"recipients": [{"guid": "a", "emailAddresses": [null]}]`, `"recipients": [{"guid": "a", "inAddressLists": null}]`,
		`"organizationConfig": {"isDehydrated": "no"}`, `"Recipients": [{}]`, `"recipients": [{"guid": "a"},]`,
		`"unknown": {"a": [1, -2.5e+3, true, null, {"b": "c"}], "A": 1}`, `"unknown": {"a": 1, "a": 2}`, `"unknown": [01]`,
		`"unknown": 1.`, `"unknown": -`, `"unknown": tru`, `"unknown": {"a" 1}`, `"recipients": [{"guid": "a", "extra": {"x": [[]]}}]`,
		`"recipients": [{"guid": "a", "extra_field": 1}]`, `"recipients": [{"guid": "a", "sam_account_name": "x"}]`,
		`"unknown": {"` + strings.Repeat(`k": 0, "k`, 20) + `": 0}`, `"unknown": {` + manyKeys(20) + `}`,
		`"x": {` + manyKeys(1025) + `}`, `"x": ` + strings.Repeat("[", statefile.MaxStateDepth) + strings.Repeat("]", statefile.MaxStateDepth),
		`"x": ` + strings.Repeat("[", statefile.MaxStateDepth-1) + strings.Repeat("]", statefile.MaxStateDepth-1),
	} {
		out = append(out, []byte(stateWith(body)))
	}
	for _, whole := range []string{`[]`, `{}`, ``, `{"formatVersion": 1.0, "kind": "onPremises", "organization": "x"}`,
		`{"formatVersion": -0, "kind": "onPremises", "organization": "x"}`, `{"formatVersion": 1e0}`, `{"formatVersion": 01}`,
		stateWith("") + "{}", stateWith("") + " \t\r\n", ` ` + stateWith("") + `x`} {
		out = append(out, []byte(whole))
	}
	return out
}

// TestFastStateSame: what the fast decoder returns is exactly what the
// careful decoder returns (nil and empty lists alike), and it gives up on
// everything the careful decoder refuses.
func TestFastStateSame(t *testing.T) {
	if statefile.FastStateObject() == nil {
		t.Fatal("the fast decoder does not follow state.State: every state file is read by the careful decoder")
	}
	decoded := 0
	for i, data := range fastStateCorpus(t) {
		if fastSame(t, data) {
			decoded++
		} else if i < 3 {
			t.Errorf("the fast decoder gave up on the example state %d", i)
		}
	}
	if decoded < 20 {
		t.Errorf("the fast decoder decoded %d of the corpus", decoded)
	}
}

// fastSame compares the decoders on data, and reports whether the fast
// one decoded it.
func fastSame(t *testing.T, data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	fast := statefile.FastDecodeState(data)
	careful, diag := statefile.CarefulDecodeState("s.json", data)
	switch {
	case fast == nil:
		return false
	case diag != nil:
		t.Errorf("the fast decoder accepted what the careful one refuses (%s):\n%s", diag, data)
	case !reflect.DeepEqual(fast, careful):
		t.Errorf("the decoders differ on\n%s\nfast:    %+v\ncareful: %+v", data, fast, careful)
	}
	return true
}

// TestFastStateLarge: the fast decoder reads the benchmark's states, and
// decodes them as the careful decoder does.
func TestFastStateLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large states")
	}
	for _, sf := range largeStates(2000, 20000) {
		data, err := statefile.MarshalState(sf.State)
		if err != nil {
			t.Fatal(err)
		}
		if !fastSame(t, data) {
			t.Errorf("the fast decoder gave up on %s", sf.Name)
		}
	}
}

// FuzzFastState: on any bytes, the fast decoder returns what the careful
// decoder returns, or gives up.
// go test ./compiler -run XXX -fuzz FuzzFastState -fuzztime 60s
func FuzzFastState(f *testing.F) {
	for _, data := range fastStateCorpus(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fastSame(t, data)
	})
}

// BenchmarkLoadState: LoadState on the bytes of the benchmark's two state
// files (120 MB each), as plan --state, import and batches --state read
// them.
func BenchmarkLoadState(b *testing.B) {
	var files [][]byte
	for _, sf := range largeStates(50000, 500000) {
		data, err := statefile.MarshalState(sf.State)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	b.ResetTimer()
	for range b.N {
		for _, data := range files {
			if sf, diags := statefile.LoadState(load.Source{Name: "s.json", Data: data}); sf == nil {
				b.Fatal(diags)
			}
		}
	}
}

// TestFastStateMutations: on the corpus with random bytes changed,
// removed or inserted (JSON's own bytes more often than others), the fast
// decoder returns what the careful one returns, or gives up. (FuzzFastState
// explores further where fuzzing runs.)
func TestFastStateMutations(t *testing.T) {
	corpus := fastStateCorpus(t)
	rnd := rand.New(rand.NewPCG(7, 8))
	const special = "{}[]\",:\\u0\xff"
	decoded, n := 0, 20_000
	if testing.Short() {
		n = 2_000
	}
	for range n {
		data := slices.Clone(corpus[rnd.IntN(len(corpus))])
		for k := rnd.IntN(4); k >= 0 && len(data) > 0; k-- {
			i := rnd.IntN(len(data))
			switch rnd.IntN(3) {
			case 0:
				data[i] = byte(rnd.IntN(256))
			case 1:
				data = slices.Delete(data, i, i+1)
			default:
				data = slices.Insert(data, i, special[rnd.IntN(len(special))])
			}
		}
		if fastSame(t, data) {
			decoded++
		}
		if t.Failed() {
			return
		}
	}
	if decoded < n/20 {
		t.Errorf("the fast decoder decoded %d of %d mutations: too few to compare", decoded, n)
	}
}

// TestFastStateEntryLists: every list the fast decoder decodes entry by
// entry is one the careful decoder decodes so too (an empty entry refused
// at its position), so that both leave an empty list nil.
func TestFastStateEntryLists(t *testing.T) {
	lists := 0
	for _, f := range statefile.FastStateObject().Fields {
		if f.Kind != statefile.FastEntries {
			continue
		}
		lists++
		data := []byte(stateWith(`"` + f.Name + `": [{}]`))
		_, diag := statefile.CarefulDecodeState("s.json", data)
		if diag == nil || diag.Code != diagpkg.CodeStateContent || !strings.HasPrefix(diag.Message, "/"+f.Name+"/0: ") {
			t.Errorf("%s: the careful decoder does not check its entries: %v", f.Name, diag)
		}
		if statefile.FastDecodeState(data) != nil {
			t.Errorf("%s: the fast decoder accepts an empty entry", f.Name)
		}
	}
	if lists != 23 {
		t.Errorf("%d lists decoded entry by entry, want the state format's 23", lists)
	}
}

// TestLoadStateAllocates: reading a state allocates little more than
// the state it decodes (the careful decoder alone allocated about four
// times the file's size).
func TestLoadStateAllocates(t *testing.T) {
	sf := largeStates(2000, 20000)[0]
	data, err := statefile.MarshalState(sf.State)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	loaded, diags := statefile.LoadState(load.Source{Name: "s.json", Data: data})
	runtime.ReadMemStats(&after)
	if loaded == nil {
		t.Fatal(diags)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 2*uint64(len(data)) {
		t.Errorf("%d bytes allocated reading a %d-byte state: more than twice its size", alloc, len(data))
	}
}
