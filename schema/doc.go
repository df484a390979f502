// Package schema embeds the JSON Schema of hybridc files,
// hybrid.schema.json. The file is generated from the Go model in
// compiler/config by go generate ./schema and committed; a test fails when
// it is stale. Editors use it through the modeline
// "# yaml-language-server: $schema=..." and hybridc validates every file
// against it before anything else.
package schema
