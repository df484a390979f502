// Package statediff compares: a schedule with the state files (plan --state:
// the change each script would make) and the schedules of two configurations
// (Diff).
package statediff
