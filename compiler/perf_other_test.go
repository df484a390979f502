//go:build !unix

package compiler

import "os"

// maxRSS is unknown here: the table shows no memory.
func maxRSS(*os.ProcessState) int64 { return 0 }
