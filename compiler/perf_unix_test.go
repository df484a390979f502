//go:build unix

package compiler

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSS is a finished process's peak resident set size in bytes: rusage's
// ru_maxrss, which Linux and the BSDs count in KiB and macOS in bytes.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
