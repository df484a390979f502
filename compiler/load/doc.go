// Package load is the first stage: it reads a source (or a bundle of part
// files), prescans the raw text, parses YAML, validates the document against
// the JSON Schema and decodes it into the config model, with the position of
// every value kept for diagnostics.
package load
