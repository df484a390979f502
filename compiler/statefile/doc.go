// Package statefile reads the state files the export scripts write: a fast
// path and a careful decoder with positions, the size caps, and the index of
// the recipients (and groups and permissions) a state file holds.
package statefile
