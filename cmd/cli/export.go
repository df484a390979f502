package cli

import (
	"fmt"
	"path/filepath"

	"github.com/hybridc/hybridc/compiler"
)

const exportHelp = `
Writes two read-only PowerShell scripts to DIR that read everything hybridc
manages from an existing organization and write it as a JSON state file:

  export-onprem.ps1   for the Exchange Management Shell (Exchange 2013 or later)
  export-online.ps1   for Exchange Online PowerShell (Connect-ExchangeOnline)

They read organization relationships, availability address spaces,
accepted domains, send connectors, ACLable object synchronization, role
groups with members and roles, role assignment policies with their roles
and mailboxes, every recipient with its location and type, Full Access, Send
As and Send on Behalf permissions, folder permissions on the folders given
with -Folders (English names, Calendar: a default folder is found by its
type in each mailbox's language), and Microsoft 365 groups with members, owners, subscribers and
the echo setting of their on-premises members. Each kind is read once, in
bulk where Exchange allows, each call with -ErrorAction Stop; progress shows
what runs. They contain no cmdlet that changes anything (the tests prove
it), and write nothing when any read fails.

export-onprem.ps1 also reads the external URLs of the EWS virtual
directories and prints them with the values to copy into the tenant's
relationship towards on-premises (targetSharingEpr, targetAutodiscoverEpr):
hybridc's default endpoint, autodiscover.<first domain>, is only a guess.

Run them (signed, if you sign), then give their state files to:

  hybridc import STATE.json... -o hybrid.yaml     a configuration with the real names
  hybridc plan --state STATE.json... FILE         what FILE's scripts would change there
  hybridc batches --state STATE.json...           move-together batches from the real permissions

The state format is JSON, format version 1, described by
schema/state.schema.json ('hybridc schema --state').

--organization and --tenant name the organization and tenant the scripts
must be connected to (a data-section literal, checked before anything is
read); without them, the operator gives -Organization when running them.
` + signingHelp + `
Examples:
  hybridc export -o export/
  hybridc export -o export/ --organization Contoso --tenant contoso.onmicrosoft.com
  hybridc export -o export/ --sign-pfx codesign.pfx --sign-password-file pw.txt

  PS> .\export-onprem.ps1 -StatePath onprem.json -Folders Calendar
  PS> .\export-online.ps1 -StatePath online.json

Exit codes: 0 written, 2 usage, I/O or signing error.
`

func runExport(e *env, args []string) int {
	fs := newFlags(e, "export", "-o DIR [--organization NAME] [--tenant TENANT] [sign]", exportHelp)
	out := fs.String("o", "", "`directory` to write the export scripts to (created if missing)")
	org := fs.String("organization", "", "on-premises organization `name` export-onprem.ps1 must be connected to")
	tenant := fs.String("tenant", "", "tenant (initial `domain`) export-online.ps1 must be connected to")
	sf := addSignFlags(fs)
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) != 0 || *out == "" {
		fmt.Fprintln(e.stderr, "hybridc export: need -o DIR and no other argument")
		fs.Usage()
		return ExitUsage
	}
	for flagName, v := range map[string]string{"--organization": *org, "--tenant": *tenant} {
		if problem := compiler.ExportNameProblem(v); problem != "" {
			fmt.Fprintf(e.stderr, "hybridc export: %s %s; nothing was written\n", flagName, problem)
			return ExitUsage
		}
	}
	sg, err := sf.load(e)
	if err != nil {
		e.complain("export", "%s; nothing was written", err)
		return ExitUsage
	}
	files, err := compiler.RenderExport(compiler.ExportOptions{ToolVersion: version(), Organization: *org, Tenant: *tenant})
	if err != nil {
		e.complain("export", "%s", err)
		return ExitUsage
	}
	if sg != nil {
		for _, n := range files.Names() {
			if files[n], err = sg.sign(files[n]); err != nil {
				e.complain("export", "signing %s: %s; nothing was written", n, err)
				return ExitUsage
			}
		}
	}
	if err := writeFiles(*out, files); err != nil {
		e.complain("export", "%s", err)
		return ExitUsage
	}
	for _, n := range files.Names() {
		fmt.Fprintln(e.stdout, printableName(filepath.Join(*out, n)))
	}
	return ExitOK
}
