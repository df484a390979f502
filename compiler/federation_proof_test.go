package compiler

import (
	"os"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
)

// TestFederatedDomainProofNotDeclared: a federated domain's proof is not
// taken from the YAML (an author could paste one another organization
// produced for the domain): proof: is refused as an unknown key, and the
// runbook's DNS table names Get-FederatedDomainProof for every domain.
func TestFederatedDomainProofNotDeclared(t *testing.T) {
	data, err := os.ReadFile("../golden/cases/federation-trust/input.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const proof = "hV2dUgbAtH0GkWxl1VvdjRXfKxmLTqy4CNFA9bPajXA="
	pasted := strings.Replace(string(data), "      - domain: fabrikam.com\n", "      - domain: fabrikam.com\n        proof: "+proof+"\n", 1)
	if pasted == string(data) {
		t.Fatal("the case declares no fabrikam.com federated domain")
	}
	ds := Diagnose(load.Source{Name: "h.yaml", Data: []byte(pasted)})
	if !ds.HasErrors() || !strings.Contains(ds.String(), "proof") {
		t.Errorf("proof: is accepted: %s", ds)
	}
	valid := strings.Replace(string(data), "        - service.contoso.com\n", "        - service.contoso.com\n        - contoso.mail.onmicrosoft.com\n", 1)
	res, err := Compile(load.Source{Name: "h.yaml", Data: []byte(valid)}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("%v %s", err, res.Diagnostics)
	}
	rb := string(res.Files[runbook.RunbookFile])
	for _, d := range []string{"contoso.com", "fabrikam.com"} {
		if !strings.Contains(rb, "Get-FederatedDomainProof -DomainName "+d+"` prints") {
			t.Errorf("the runbook's DNS table does not name Get-FederatedDomainProof for %s", d)
		}
	}
}
