// Package reflector generates schema/hybrid.schema.json from the Go model in
// compiler/config. It runs at development time only (go generate ./schema and
// the staleness test); the hybridc binary embeds the generated file instead.
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

	"github.com/hybridc/hybridc/compiler/config"
)

// SchemaID is the $id of the generated schema. Validation registers the
// schema under it, so no local path ever appears in a message.
const SchemaID = "https://hybridc.dev/schema/hybrid.schema.json"

// stringLimits are the length limits of string types.
var stringLimits = map[string][2]uint64{
	"Name":              {1, 64},
	"Identity":          {1, 256},
	"DomainName":        {1, 253},
	"TenantName":        {1, 253},
	"URI":               {1, 2048},
	"HTTPSURL":          {1, 2048},
	"SMTPAddress":       {3, 320},
	"FolderName":        {1, 256},
	"DistinguishedName": {3, 1024},
	"Version":           {3, 32},
	"Alias":             {1, 64},
	"CertificateName":   {7, 1024},
	"SmartHost":         {1, 253},
}

// Generate reflects the model and returns the schema as indented JSON with a
// final newline.
func Generate() ([]byte, error) {
	s, err := reflectConfig()
	if err != nil {
		return nil, err
	}
	return encode(s)
}

// reflectConfig reflects compiler/config into the schema of a whole
// configuration, a new one on each call.
func reflectConfig() (*jsonschema.Schema, error) {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true,
		Anonymous:                  true,
		Mapper:                     mapType,
	}
	if err := addModelComments(r); err != nil {
		return nil, err
	}
	s := r.Reflect(&config.Config{})
	s.ID = SchemaID
	s.Title = "hybridc configuration"
	addConditions(s)
	addStringDefinitions(s)
	return s, nil
}

// encode writes a schema as indented JSON with a final newline, without
// HTML escapes.
func encode(s *jsonschema.Schema) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// addModelComments reads the doc comments of compiler/config, found relative
// to this source file so that generation works from any working directory.
// invopop keys comments by the walked path; they are rekeyed by import path.
func addModelComments(r *jsonschema.Reflector) error {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "compiler", "config")
	walked := map[string]string{}
	r.CommentMap = walked
	if err := r.AddGoComments("", dir); err != nil {
		return fmt.Errorf("reading model comments: %w", err)
	}
	prefix := filepath.ToSlash(dir) + "."
	pkg := reflect.TypeOf(config.Config{}).PkgPath() + "."
	r.CommentMap = map[string]string{}
	for k, v := range walked {
		r.CommentMap[pkg+strings.TrimPrefix(k, prefix)] = strings.Join(strings.Fields(v), " ")
	}
	return nil
}

// mapType gives the named string types of the model their enums, and
// refers the patterned ones to a shared definition (added by
// addStringDefinitions), so that each pattern is written and compiled once.
func mapType(t reflect.Type) *jsonschema.Schema {
	if t.PkgPath() != reflect.TypeOf(config.Config{}).PkgPath() || t.Kind() != reflect.String {
		return nil
	}
	name := t.Name()
	if values, ok := config.Enums[name]; ok {
		s := &jsonschema.Schema{Type: "string"}
		for _, v := range values {
			s.Enum = append(s.Enum, v)
		}
		return s
	}
	if _, ok := config.Patterns[name]; ok {
		return &jsonschema.Schema{Ref: "#/$defs/" + name}
	}
	return &jsonschema.Schema{Type: "string"}
}

// addStringDefinitions adds a definition for each patterned string type.
func addStringDefinitions(root *jsonschema.Schema) {
	for name, p := range config.Patterns {
		s := &jsonschema.Schema{Type: "string", Pattern: p.Pattern, Description: p.Form}
		if l, ok := stringLimits[name]; ok {
			lo, hi := l[0], l[1]
			s.MinLength, s.MaxLength = &lo, &hi
		}
		root.Definitions[name] = s
	}
}

// addConditions adds what struct tags cannot say: a hybrid deployment needs
// the tenant's routing namespaces, and a resource to be created needs its
// defining properties (one to be removed needs only its name).
func addConditions(root *jsonschema.Schema) {
	root.If = &jsonschema.Schema{Required: []string{"onPremises"}}
	eo := jsonschema.NewProperties()
	eo.Set("exchangeOnline", &jsonschema.Schema{Required: []string{"routingDomain", "serviceRoutingNamespace"}})
	root.Then = &jsonschema.Schema{Properties: eo}

	requireUnlessAbsent(root.Definitions["OrganizationRelationship"], "domainNames")
	requireUnlessAbsent(root.Definitions["AvailabilityAddressSpace"], "accessMethod")

	// A folder permission needs its folder and role.
	access := jsonschema.NewProperties()
	access.Set("access", &jsonschema.Schema{Const: "Folder"})
	perm := root.Definitions["Permission"]
	perm.If = &jsonschema.Schema{Properties: access, Required: []string{"access"}}
	perm.Then = &jsonschema.Schema{Required: []string{"folder", "folderAccessRights"}}
}

func requireUnlessAbsent(s *jsonschema.Schema, fields ...string) {
	ensure := jsonschema.NewProperties()
	ensure.Set("ensure", &jsonschema.Schema{Const: "absent"})
	s.If = &jsonschema.Schema{Properties: ensure, Required: []string{"ensure"}}
	s.Else = &jsonschema.Schema{Required: fields}
}
