// Package runbook writes the Markdown runbook that goes with the scripts: the
// order of the steps, prerequisites, manual steps and how to verify each one.
package runbook
