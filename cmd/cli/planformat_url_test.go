package cli

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// TestPlanURLNonASCII: plan prints a URL's runes outside ASCII as \uXXXX
// (a lookalike host in an organization's state never reads as
// Microsoft's), in text and Markdown; other values keep their letters.
func TestPlanURLNonASCII(t *testing.T) {
	const lookalike = "https://login.microsoft\u043enline.com/x/federationmetadata.xml"
	p := compiler.PropertyChange{Name: "AuthMetadataUrl", Old: lookalike, New: "https://login.microsoftonline.com/x/federationmetadata.xml"}
	for name, got := range map[string]string{"text": propertyText(p), "markdown": propertyMarkdown(p)} {
		if strings.ContainsRune(got, '\u043e') || !strings.Contains(got, `u043enline`) {
			t.Errorf("%s: %q", name, got)
		}
	}
	if got := valueText("M\u00fcller"); got != "'M\u00fcller'" {
		t.Errorf("a name: %q", got)
	}
}
