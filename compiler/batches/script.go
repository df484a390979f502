package batches

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/templates"
)

// ScriptOptions is what migrate.ps1 needs besides the batches.
type ScriptOptions struct {
	// ToolVersion and Source name what generated the script.
	ToolVersion, Source string
	// Tenant is the Exchange Online tenant the script must run in.
	Tenant string
	// SourceEndpoint is the remote move migration endpoint the batches
	// move from; DeliveryDomain the tenant's routing domain
	// (<tenant>.mail.onmicrosoft.com).
	SourceEndpoint, DeliveryDomain string
	// Prefix names the batches: Prefix followed by the batch's number.
	Prefix string
	// AutoStart and AutoComplete pass New-MigrationBatch's switches: without
	// them a new batch is created, not started nor completed.
	AutoStart, AutoComplete bool
}

// BatchName is the name of the batch numbered id in migrate.ps1.
func BatchName(prefix string, id int) string { return fmt.Sprintf("%s%d", prefix, id) }

// ScriptUnsafe are the values (mailbox names, options) that migrate.ps1's
// data section cannot hold as plain ASCII literals: anything outside
// printable ASCII, or holding ## (a CI system's logging command when the
// script is printed). Mailboxes must be named by SMTP address: a name
// without an @ is listed too.
func ScriptUnsafe(b *Batching, opt ScriptOptions) []string {
	var bad []string
	for _, v := range []string{opt.Tenant, opt.SourceEndpoint, opt.DeliveryDomain, opt.Prefix, opt.Source} {
		if !printableASCII(v) {
			bad = append(bad, v)
		}
	}
	for _, batch := range b.Batches {
		for _, m := range batch.Mailboxes {
			if s := string(m); !printableASCII(s) || !strings.Contains(s, "@") {
				bad = append(bad, s)
			}
		}
	}
	return bad
}

func printableASCII(s string) bool {
	if strings.Contains(s, "##") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// literal is s as a single-quoted PowerShell literal (s is printable ASCII).
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// boolean is b as a PowerShell literal.
func boolean(b bool) string {
	if b {
		return "$true"
	}
	return "$false"
}

// Script is migrate.ps1: the engine of templates/migrate.ps1.tmpl with the
// batches as its data. The caller checks ScriptUnsafe first.
func Script(b *Batching, opt ScriptOptions) ([]byte, error) {
	if bad := ScriptUnsafe(b, opt); len(bad) > 0 {
		return nil, fmt.Errorf("migrate.ps1 cannot hold %q: give mailboxes by primary SMTP address in ASCII", bad[0])
	}
	var data strings.Builder
	data.WriteString("    @{\n")
	fmt.Fprintf(&data, "        Organization         = %s\n", literal(opt.Tenant))
	fmt.Fprintf(&data, "        SourceEndpoint       = %s\n", literal(opt.SourceEndpoint))
	fmt.Fprintf(&data, "        DeliveryDomain       = %s\n", literal(opt.DeliveryDomain))
	fmt.Fprintf(&data, "        AutoStart            = %s\n", boolean(opt.AutoStart))
	fmt.Fprintf(&data, "        AutoComplete         = %s\n", boolean(opt.AutoComplete))
	data.WriteString("        Batches              = @(\n")
	for i, batch := range b.Batches {
		users := make([]string, len(batch.Mailboxes))
		for j, m := range batch.Mailboxes {
			users[j] = literal(string(m))
		}
		sep := ","
		if i == len(b.Batches)-1 {
			sep = ""
		}
		fmt.Fprintf(&data, "            @{ Name = %s; Users = @(%s) }%s\n", literal(BatchName(opt.Prefix, batch.ID)), strings.Join(users, ", "), sep)
	}
	data.WriteString("        )\n    }")
	tmpl, err := template.New("migrate").Option("missingkey=error").ParseFS(templates.FS, "migrate.ps1.tmpl")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	// The header's values go into the <# #> help block as the compile
	// scripts put them (render's commentText): never able to end it.
	err = tmpl.ExecuteTemplate(&out, "migrate", map[string]string{"ToolVersion": pstext.CommentText(opt.ToolVersion),
		"Source": pstext.CommentText(opt.Source), "Tenant": pstext.CommentText(opt.Tenant), "Data": data.String()})
	if err != nil {
		return nil, err
	}
	// The byte order mark every hybridc script starts with (Windows
	// PowerShell 5.1 reads a file without one in the ANSI code page).
	return append([]byte("\ufeff"), bytes.ReplaceAll(out.Bytes(), []byte("\n"), []byte("\r\n"))...), nil
}
