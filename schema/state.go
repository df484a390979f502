package schema

import _ "embed"

// StateJSON is the schema of hybridc state files, the JSON hybridc's
// export scripts write (JSON Schema draft 2020-12), generated from
// compiler/state by go generate ./schema.
//
//go:embed state.schema.json
var StateJSON []byte

// StateID is the state schema's $id.
const StateID = "https://hybridc.dev/schema/state.schema.json"
