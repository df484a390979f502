//go:build cgo

package pscheck

// cgoEnabled reports whether this build has cgo, which the grammar needs.
const cgoEnabled = true
