package runbook

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/render"
)

// entraAppStep adds entra-app.ps1, the dedicated Exchange hybrid
// application in Entra ID: it runs first, before onprem.ps1 configures
// Exchange's side of OAuth (the auth server and the setting override that
// make Exchange use the application), since Exchange signs its tokens
// with the auth certificate the application must already hold.
func (rb *runbookBuilder) entraAppStep(l *stepList) {
	sp := rb.script(model.EntraAppScript)
	if sp == nil {
		return
	}
	tenant := sp.Target.Organization
	scopes := ""
	for i, s := range render.GraphScopes {
		if i > 0 {
			scopes += ","
		}
		scopes += s
	}
	where := fmt.Sprintf("before %s, in Windows PowerShell 5.1 or PowerShell 7 with the Microsoft Graph PowerShell SDK (%s), as a Privileged Role Administrator or Global Administrator of the tenant %s (granting application permissions to Microsoft Graph and Office 365 Exchange Online by app role assignment is admin consent: a Cloud Application Administrator can create the application but not grant them), after connecting: %s. It refuses to run connected to any other tenant, or without these scopes.",
		MdCode("onprem.ps1"), MdCode("Install-Module Microsoft.Graph.Applications, Microsoft.Graph.Identity.DirectoryManagement"),
		MdCode(tenant), MdCode("Connect-MgGraph -TenantId "+tenant+" -Scopes "+scopes))
	s := l.Run(sp, where, stepsIntro, sp.Resources, rb.verifyCommand(sp.Target.File))
	s.Run = MdCode(`.\`+sp.Target.File+` -CertificateFile <current>.cer, <next>.cer`) + ": the auth certificates' public parts, exported on an Exchange server without the private key (" +
		MdCode("Export-Certificate -Cert (Get-Item Cert:\\LocalMachine\\My\\<thumbprint>) -FilePath <thumbprint>.cer") + "); the script checks each file against the declared thumbprints and needs them only while a certificate is not yet a key credential of the application"
	s.Note = "Verify in Entra ID: " + MdCode("(Get-MgApplication -Filter \"displayName eq '<displayName>'\").KeyCredentials") +
		" lists each declared thumbprint as a customKeyIdentifier, and the enterprise application's permissions show admin consent granted. After " + MdCode("onprem.ps1") +
		" has configured the auth server for the application, verify from the Exchange Management Shell: " +
		MdCode("Test-OAuthConnectivity -Service EWS -TargetUri https://outlook.office365.com/ews/exchange.asmx -Mailbox <on-premises mailbox> -Verbose | Format-List") +
		" reports Success, and a free/busy lookup from on-premises to a cloud mailbox works."
	for _, r := range sp.Resources {
		if r.Kind == model.KindFirstPartyKeyCredentials {
			s.Note += " Only then run " + MdCode(`.\`+sp.Target.File+` -CleanUpFirstParty`) +
				": it removes the auth certificates from the shared Office 365 Exchange Online service principal (cleanUpFirstPartyKeyCredentials), which Exchange needs until it uses the application; without the switch the script leaves them and reports the step skipped."
		}
	}
	s.Note += " A run without appId creates the application only when none has its name and prints its appId: declare it (" + MdCode("hybridc import") +
		" writes it) before the next run, which refuses an application found by name, and one with client secrets, foreign certificates or owners other than you."
	l.Add(s)
}
