// Package importer turns state files into a configuration (hybridc import):
// it chooses what to import, writes the YAML, and validates what it wrote.
package importer
