//go:build !unix

package compiler

import "time"

// cpuTime is unknown here: the benchmarks report 0 CPU seconds.
func cpuTime() time.Duration { return 0 }
