package cli

import (
	"os"
	"runtime/debug"
)

// smallInput is the size of YAML below which the process's start-up, not
// the file, dominates a command that validates it: compiling the schema
// allocates about 7 MB whatever the file, which the collector would go
// through two or three times (each cycle slowing the compilation with its
// write barriers) for a file that keeps a few hundred kilobytes live.
const smallInput = 128 << 10

// smallInputGCPercent is the collector's target (GOGC) for a small input:
// its first cycle comes at 16 MB of heap (4 MB times 400 %), above what
// validating or compiling a small file allocates in all (9 to 13 MB for
// the examples), and after it the heap stays within five times what is
// live, under the soft memory limit.
const smallInputGCPercent = 400

// collectorFor sets the collector's target for the input a command is
// about to validate: smallInputGCPercent for a small one, Go's default
// (100) otherwise, so that a larger input read later in the same process
// (validate checks its files one by one) gets the default back. A GOGC
// set in the environment is left alone.
func collectorFor(in *input) {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(gcPercentFor(in.size()))
}

// gcPercentFor is the collector's target for an input of size bytes.
func gcPercentFor(size int64) int {
	if size < smallInput {
		return smallInputGCPercent
	}
	return 100
}

// size is the input's YAML in bytes, all its files for a directory.
func (in *input) size() int64 {
	if in.file != nil {
		return int64(len(in.file.Data))
	}
	size := int64(0)
	if in.dir != nil {
		for _, f := range in.dir.Files {
			size += int64(len(f.Data))
		}
	}
	return size
}
