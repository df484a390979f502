// Package templates embeds the text/template files that lay out the
// generated PowerShell scripts. They only lay out text: every value they
// print was prepared, quoted and checked by the compiler's render stage.
// Templates are written with LF line endings; the renderer writes CRLF.
package templates

import "embed"

// FS holds the templates. script.ps1.tmpl is the entry point; the other
// files define the blocks it uses.
//
//go:embed *.tmpl
var FS embed.FS
