package reflector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/hybridc/hybridc/compiler/state"
)

// StateSchemaID is the $id of the generated state schema.
const StateSchemaID = "https://hybridc.dev/schema/state.schema.json"

// GenerateState reflects compiler/state and returns the schema of state
// files (hybridc export's JSON) as indented JSON with a final newline.
func GenerateState() ([]byte, error) {
	r := &jsonschema.Reflector{FieldNameTag: "json", RequiredFromJSONSchemaTags: true, Anonymous: true}
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "compiler", "state")
	walked := map[string]string{}
	r.CommentMap = walked
	if err := r.AddGoComments("", dir); err != nil {
		return nil, fmt.Errorf("reading state comments: %w", err)
	}
	prefix := filepath.ToSlash(dir) + "."
	pkg := reflect.TypeOf(state.State{}).PkgPath() + "."
	r.CommentMap = map[string]string{}
	for k, v := range walked {
		r.CommentMap[pkg+strings.TrimPrefix(k, prefix)] = strings.Join(strings.Fields(v), " ")
	}
	s := r.Reflect(&state.State{})
	s.ID = StateSchemaID
	s.Title = "hybridc state file (hybridc export)"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
