// Package render writes the scripts: the desired state as a data section plus
// the fixed engine from templates/, the export scripts, the call estimates and
// the list of cmdlets a script needs.
package render
