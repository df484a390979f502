package cli

import (
	"bytes"
	"errors"
	"testing"
	"testing/iotest"

	"github.com/hybridc/hybridc/compiler"
)

// TestReadSized reads whole inputs, those that grew since their size was
// taken too, up to the limit, and passes read errors on.
func TestReadSized(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, c := range []struct {
		name        string
		size, limit int64
		want        int
	}{
		{"its size", 10000, 1 << 20, 10000},
		{"grew", 100, 1 << 20, 10000},
		{"shrank", 20000, 1 << 20, 10000},
		{"no size", 0, 1 << 20, 10000},
		{"over the limit", 10000, 999, 1000},
	} {
		got, err := readSized(iotest.HalfReader(bytes.NewReader(data)), c.size, c.limit)
		if err != nil || !bytes.Equal(got, data[:c.want]) {
			t.Errorf("%s: read %d bytes, %v; want %d", c.name, len(got), err, c.want)
		}
	}
	broken := errors.New("broken")
	if _, err := readSized(iotest.ErrReader(broken), 10, 100); !errors.Is(err, broken) {
		t.Errorf("a read error gave %v", err)
	}
}

// TestReadSizedOneAllocation: a file that keeps its size is read into one
// buffer, not grown into several.
func TestReadSizedOneAllocation(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 1<<20)
	var r bytes.Reader
	allocs := testing.AllocsPerRun(10, func() {
		r.Reset(data)
		if got, err := readSized(&r, int64(len(data)), 1<<30); err != nil || len(got) != len(data) {
			t.Fatalf("read %d bytes, %v", len(got), err)
		}
	})
	if allocs > 2 {
		t.Errorf("reading 1 MiB took %v allocations, want one buffer", allocs)
	}
}

// TestMemoryBudget: a single file's heap is budgeted at 32 times its size
// (at least 256 MiB), for validate and compile; a directory's at 40 times,
// for validate only.
func TestMemoryBudget(t *testing.T) {
	file := func(n int) *input { return &input{file: &compiler.Source{Data: make([]byte, n)}} }
	dir := &input{dir: &compiler.Bundle{Files: []compiler.Source{{Data: make([]byte, 10<<20)}, {Data: make([]byte, 5<<20)}}}}
	for _, c := range []struct {
		in      *input
		compile bool
		limit   int64
		ok      bool
	}{
		{file(1000), false, 256 << 20, true},
		{file(50 << 20), false, 32 * 50 << 20, true},
		{file(50 << 20), true, 32 * 50 << 20, true},
		{dir, false, 40 * 15 << 20, true},
		{dir, true, 0, false},
	} {
		if limit, ok := memoryBudget(c.in, c.compile); limit != c.limit || ok != c.ok {
			t.Errorf("memoryBudget(compile %t) = %d, %t; want %d, %t", c.compile, limit, ok, c.limit, c.ok)
		}
	}
}
