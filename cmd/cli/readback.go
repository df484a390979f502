package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size caps for what hybridc reads. No script hybridc writes comes near
// maxScriptBytes (a configuration of 100,000 permissions compiles to about
// 45 MB), and the largest configurations measured are about 60 MB of YAML.
const (
	maxScriptBytes = 256 << 20
	maxYAMLBytes   = 256 << 20
	// maxSignatureBytes bounds a signature block: the PKCS#7 signature
	// with its certificates and a timestamp, in base64 comment lines.
	maxSignatureBytes = 1 << 20
)

// errTooLarge means a file is larger than hybridc reads.
var errTooLarge = errors.New("larger than any file hybridc reads")

// readRegular reads the file at path only if it is a regular file itself
// (a symbolic link is not followed; a directory, named pipe, socket or
// device is not opened) of at most limit bytes. A FIFO or /dev/zero in a
// folder thus neither hangs hybridc nor exhausts its memory. Errors name
// what the file is instead ("is a symbolic link").
func readRegular(path string, limit int64) ([]byte, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if err := regularFile(path, info, limit); err != nil {
		return nil, err
	}
	return readOpened(path, info, limit)
}

// readFollowing is readRegular for a file the user named, which may be a
// symbolic link to a regular file: the link is followed, and its target
// must be a regular file of at most limit bytes.
func readFollowing(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regularFile(path, info, limit); err != nil {
		return nil, err
	}
	return readOpened(path, info, limit)
}

// regularFile returns an error saying what the file described by info is
// unless it is a regular file of at most limit bytes.
func regularFile(path string, info fs.FileInfo, limit int64) error {
	m := info.Mode()
	switch {
	case m.IsRegular():
		if info.Size() > limit {
			return fmt.Errorf("%s: %w (%d bytes, at most %d are read)", path, errTooLarge, info.Size(), limit)
		}
		return nil
	case m&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link: not followed", path)
	case m.IsDir():
		return fmt.Errorf("%s is a directory", path)
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%s is a named pipe (FIFO): not read", path)
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("%s is a device: not read", path)
	}
	return fmt.Errorf("%s is not a regular file (%v): not read", path, m.Type())
}

// readOpened opens path, checks that it is still the file info describes
// (not swapped since), and reads at most limit bytes of it.
func readOpened(path string, info fs.FileInfo, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !os.SameFile(info, now) || !now.Mode().IsRegular() {
		return nil, fmt.Errorf("%s changed while it was read", path)
	}
	data, err := readSized(io.LimitReader(f, limit+1), min(now.Size(), limit))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w (it grew while it was read)", path, errTooLarge)
	}
	return data, nil
}

// readSized reads r to its end into a buffer of size bytes and a little
// more (room for the read that finds the end, or for a file that grew),
// growing it only when r holds more: io.ReadAll would grow it by copying,
// a 120 MB state file a dozen times over.
func readSized(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// readHead returns up to n bytes from the start of path, if it is a regular
// file itself (see readRegular); nil otherwise.
func readHead(path string, n int64) []byte {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return nil
	}
	// One buffer of n bytes, filled by as few reads as the file allows
	// (io.ReadAll would grow one from 512 bytes, a read at each step).
	data := make([]byte, n)
	read, _ := io.ReadFull(f, data)
	return data[:read]
}
