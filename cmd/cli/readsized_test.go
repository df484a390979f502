package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// TestReadSized: a file is read whole into one buffer of its size (plus
// the room to find its end), never grown by copying; a reader holding more
// than the size given, or less, is read whole all the same.
func TestReadSized(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 40_000) // 640,000 bytes
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	allocs := testing.AllocsPerRun(5, func() { got, err = readOpened(path, info, 1<<20) })
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes (%v), want the file's %d", len(got), err, len(data))
	}
	if cap(got) > len(data)+512 {
		t.Errorf("a buffer of %d bytes for a %d-byte file", cap(got), len(data))
	}
	if allocs > 8 {
		t.Errorf("%v allocations reading one file: its buffer grew", allocs)
	}
	for _, size := range []int64{0, 1, 1000, int64(len(data)) - 1, int64(len(data)) + 1, 1 << 21} {
		got, err := readSized(iotest.HalfReader(bytes.NewReader(data)), size)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("size %d: read %d bytes (%v), want %d", size, len(got), err, len(data))
		}
	}
	if _, err := readSized(iotest.ErrReader(io.ErrUnexpectedEOF), 10); err != io.ErrUnexpectedEOF {
		t.Errorf("a read error is %v", err)
	}
}
