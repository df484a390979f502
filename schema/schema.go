package schema

import _ "embed"

//go:generate go run gen.go

// JSON is the schema of hybridc files (JSON Schema draft 2020-12).
//
//go:embed hybrid.schema.json
var JSON []byte

// ID is the schema's $id, under which the validator registers it.
const ID = "https://hybridc.dev/schema/hybrid.schema.json"

// PartJSON is the schema of one file of a directory configuration: that of
// a whole configuration, but the mappings merged across files (the top
// level, onPremises, exchangeOnline and the mappings in them) require no
// key. The modeline of the part files hybridc import writes points at it.
//
//go:embed hybrid.part.schema.json
var PartJSON []byte

// PartID is the part schema's $id.
const PartID = "https://hybridc.dev/schema/hybrid.part.schema.json"
