package report

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

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
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations,omitempty"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	}
	// sarifLocation is a result's location (with the JSON pointer of its
	// node as a logical location) or a related location (with an id and
	// its label as message).
	sarifLocation struct {
		ID               *int                   `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
		Message          *sarifMessage          `json:"message,omitempty"`
	}
	// sarifLogicalLocation names the node of the YAML file a result is
	// about by its RFC 6901 JSON pointer.
	sarifLogicalLocation struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
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

// sarifPrinter writes one SARIF run whose rules are every hybridc code and
// whose results are the diagnostics. Columns count Unicode code points, as
// YAML positions do. encoding/json escapes every control character.
type sarifPrinter struct{ version string }

func (sarifPrinter) Streams() bool { return false }

func (p sarifPrinter) Diagnostics(w io.Writer, diags compiler.Diagnostics) error {
	driver := sarifDriver{Name: "hybridc", Version: p.version, InformationURI: informationURI}
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
			loc := sarifLocation{PhysicalLocation: physicalLocation(d.Pos)}
			if d.Pointer != "" {
				loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: d.Pointer, Kind: "value"}}
			}
			res.Locations = []sarifLocation{loc}
		}
		for i, r := range d.Related {
			if r.Pos.File != "" {
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &i, PhysicalLocation: physicalLocation(r.Pos), Message: &sarifMessage{Text: r.Label}})
			}
		}
		run.Results = append(run.Results, res)
	}
	return writeEscaped(w, sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

// physicalLocation is a position as a SARIF physical location: its file,
// and its line and column when it has them.
func physicalLocation(p compiler.Pos) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: artifactURI(p.File)}}
	if p.Line > 0 {
		loc.Region = &sarifRegion{StartLine: p.Line, StartColumn: max(p.Col, 0)}
	}
	return loc
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
