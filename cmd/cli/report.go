package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// diagnosticFormats are the outputs of validate --format, each writing
// every diagnostic at once. "text" is written by validate itself, file by
// file; it is here so that the flag accepts it.
var diagnosticFormats = map[string]func(io.Writer, compiler.Diagnostics) error{
	"text":   writeText,
	"json":   writeJSON,
	"sarif":  writeSARIF,
	"github": writeGitHub,
}

// writeText writes file:line:col: severity CODE: message lines.
func writeText(w io.Writer, diags compiler.Diagnostics) error {
	_, err := io.WriteString(w, diags.String())
	return err
}

// diagnosticsJSON is validate --format json. formatVersion changes only
// when a field changes meaning or is removed; fields may be added.
type diagnosticsJSON struct {
	FormatVersion int              `json:"formatVersion"`
	Diagnostics   []diagnosticJSON `json:"diagnostics"`
}

// diagnosticJSON is one finding: where (1-based line and column, counted in
// characters), how severe ("error" or "warning"), its code and message.
type diagnosticJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// writeJSON writes the diagnostics as one JSON object.
func writeJSON(w io.Writer, diags compiler.Diagnostics) error {
	out := diagnosticsJSON{FormatVersion: 1, Diagnostics: []diagnosticJSON{}}
	for _, d := range diags {
		out.Diagnostics = append(out.Diagnostics, diagnosticJSON{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message,
		})
	}
	return writeIndented(w, out)
}

// writeIndented writes v as indented JSON with a final newline, without
// HTML escaping (< > & stay as they are).
func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeGitHub writes GitHub Actions workflow commands, one a diagnostic:
// ::error file=F,line=L,col=C,title=CODE::message (::warning for warnings).
func writeGitHub(w io.Writer, diags compiler.Diagnostics) error {
	for _, d := range diags {
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+escapeProperty(filepath.ToSlash(d.Pos.File)))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		props = append(props, "title="+escapeProperty(d.Code))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as GitHub's toolkit
// does: % first, then CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as
// escapeData, and also : and , which separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0, as much of it as hybridc writes. See
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/ and GitHub's "SARIF
// support for code scanning".
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		Name             string       `json:"name"`
		ShortDescription sarifMessage `json:"shortDescription"`
		FullDescription  sarifMessage `json:"fullDescription"`
		Help             sarifMessage `json:"help"`
		HelpURI          string       `json:"helpUri"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

// Where hybridc's rules are documented.
const (
	informationURI = "https://github.com/hybridc/hybridc"
	rulesHelpURI   = informationURI + "#diagnostics"
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// writeSARIF writes one SARIF run whose rules are every hybridc code and
// whose results are the diagnostics. Columns count Unicode code points, as
// YAML positions do.
func writeSARIF(w io.Writer, diags compiler.Diagnostics) error {
	driver := sarifDriver{Name: "hybridc", Version: version(), InformationURI: informationURI}
	index := map[string]int{}
	for i, r := range compiler.Rules {
		index[r.Code] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:               r.Code,
			Name:             r.Name,
			ShortDescription: sarifMessage{Text: r.Summary},
			FullDescription:  sarifMessage{Text: r.Summary},
			Help:             sarifMessage{Text: r.Summary + " See " + rulesHelpURI + " for every code."},
			HelpURI:          rulesHelpURI,
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, d := range diags {
		res := sarifResult{RuleID: d.Code, RuleIndex: index[d.Code], Level: d.Severity.String(), Message: sarifMessage{Text: d.Message}}
		if d.Pos.File != "" {
			loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: artifactURI(d.Pos.File)}}
			if d.Pos.Line > 0 {
				loc.Region = &sarifRegion{StartLine: d.Pos.Line, StartColumn: max(d.Pos.Col, 0)}
			}
			res.Locations = []sarifLocation{{PhysicalLocation: loc}}
		}
		run.Results = append(run.Results, res)
	}
	return writeIndented(w, sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

// artifactURI is a file's SARIF artifact location: its path relative to the
// working directory, with forward slashes and percent-encoding, which is
// what GitHub code scanning resolves against the repository's root when
// hybridc runs there. A path outside the working directory becomes a file:
// URI.
func artifactURI(name string) string {
	p := name
	if filepath.IsAbs(p) {
		wd, err := os.Getwd()
		rel, rerr := filepath.Rel(wd, p)
		if err != nil || rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			abs := filepath.ToSlash(p)
			if !strings.HasPrefix(abs, "/") {
				abs = "/" + abs // C:/x becomes /C:/x
			}
			return (&url.URL{Scheme: "file", Path: abs}).String()
		}
		p = rel
	}
	return (&url.URL{Path: filepath.ToSlash(filepath.Clean(p))}).String()
}
