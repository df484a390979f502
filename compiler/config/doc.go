// Package config holds the Go model of a hybridc file: the on-premises
// Exchange organization, the Exchange Online tenant, and the partner tenants
// they share calendars with.
//
// The types are the single source of truth for the file format: the JSON
// Schema in schema/hybrid.schema.json is generated from them (go generate
// ./schema), and the compiler decodes a validated YAML document into them.
// Doc comments on fields become the schema's descriptions, which editors show
// on hover, so they are written for administrators.
package config
