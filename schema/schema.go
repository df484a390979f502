package schema

import _ "embed"

//go:generate go run gen.go

// JSON is the schema of hybridc files (JSON Schema draft 2020-12).
//
//go:embed hybrid.schema.json
var JSON []byte

// ID is the schema's $id, under which the validator registers it.
const ID = "https://hybridc.dev/schema/hybrid.schema.json"
