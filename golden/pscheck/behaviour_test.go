package pscheck

import (
	"fmt"
	"strings"
	"testing"
)

// wantFindings checks that got has one finding per want entry, in order,
// each starting with it ("line:col: text").
func wantFindings(t *testing.T, got []Finding, want []string) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.HasPrefix(got[i].String(), want[i])
	}
	if !ok {
		var lines []string
		for _, f := range got {
			lines = append(lines, f.String())
		}
		t.Errorf("findings:\n  %s\nwant prefixes:\n  %s", strings.Join(lines, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestCheckErrorAction(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		want []string // "line:col: cmdlet" prefixes
	}{
		{name: "named", src: "Get-Mailbox -Identity 'a' -ErrorAction Stop\n"},
		{name: "colon form and alias", src: "Get-Mailbox -ErrorAction:SilentlyContinue\nSet-Mailbox -Identity 'a' -EA Stop\n"},
		{name: "case-insensitive", src: "get-mailbox -erroraction stop\n"},
		{name: "resolved splat", src: "$p = @{ Identity = 'a'; ErrorAction = 'Stop' }\nSet-Mailbox @p\n"},
		{name: "through & and a literal name", src: "& 'Get-Mailbox' -ErrorAction Stop\n"},
		{name: "not Exchange cmdlets", src: "Write-Output 'x'\nGet-Date\nfunction Get-MailboxX { }\nGet-MailboxX\n"},
		{name: "computed names are not checked", src: "& $block\n"},
		{
			name: "missing",
			src:  "Get-Mailbox -Identity 'a'\n",
			want: []string{"1:1: Get-Mailbox: no -ErrorAction"},
		},
		{
			name: "in pipelines, script blocks and functions",
			src:  "function F {\n    Get-User -ErrorAction Stop | Set-User -Identity 'x'\n}\n$r = Get-HybridcObject -Read { Get-Recipient -Identity 'x' }\n",
			want: []string{"2:34: Set-User: no -ErrorAction", "4:32: Get-Recipient: no -ErrorAction"},
		},
		{
			name: "catalog spelling in the message",
			src:  "GET-MAILBOX\n",
			want: []string{"1:1: Get-Mailbox: no -ErrorAction"},
		},
		{
			name: "without a value",
			src:  "Get-Mailbox -Identity 'a' -ErrorAction\n",
			want: []string{"1:27: Get-Mailbox: -ErrorAction has no value"},
		},
		{
			name: "unresolved splat does not count",
			src:  "Set-Mailbox @params\n",
			want: []string{"1:1: Set-Mailbox: no -ErrorAction (Exchange cmdlets ignore $ErrorActionPreference; pass -ErrorAction Stop or a deliberate value); the splat @params is not resolved"},
		},
		{
			name: "derived splat key does not count",
			src:  "$desired = @{ ErrorAction = 'Stop'; Enabled = $true }\n$drift = Compare-HybridcState -Current $c -Desired $desired\nSet-OrganizationRelationship -Identity 'x' @drift\n",
			want: []string{"3:1: Set-OrganizationRelationship: no -ErrorAction"},
		},
		{
			name: "preference variable is not enough",
			src:  "$ErrorActionPreference = 'Stop'\nNew-RoleGroup -Name 'x'\n",
			want: []string{"2:1: New-RoleGroup: no -ErrorAction"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, CheckErrorAction([]byte(tt.src)), tt.want)
		})
	}
}

func TestCheckReadOnly(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{name: "reads only", src: "Get-Mailbox -ErrorAction Stop | Select-Object Name\nTest-OAuthConnectivity -Service EWS -TargetUri 'https://x' -Mailbox 'a'\nSearch-UnifiedAuditLog -StartDate 1 -EndDate 2\n"},
		{name: "PowerShell cmdlets are not judged", src: "Set-StrictMode -Version 2.0\n$x | Export-Csv -Path 'out.csv'\n"},
		{name: "session management", src: "Connect-ExchangeOnline\nDisconnect-ExchangeOnline -Confirm:$false\n"},
		{name: "a string naming a cmdlet is not a call", src: "Write-Output 'Set-Mailbox'\n"},
		{
			name: "state-changing calls anywhere",
			src:  "if ($x) { Set-Mailbox -Identity 'a' }\nfunction F { Get-RoleGroup | Remove-RoleGroup }\n",
			want: []string{"1:11: Set-Mailbox: state-changing", "2:30: Remove-RoleGroup: state-changing"},
		},
		{
			name: "exports",
			src:  "Export-TransportRuleCollection\n",
			want: []string{"1:1: Export-TransportRuleCollection: Export-* cmdlet"},
		},
		{
			name: "Search-Mailbox can delete",
			src:  "Search-Mailbox -Identity 'a' -SearchQuery 'x'\n",
			want: []string{"1:1: Search-Mailbox: state-changing"},
		},
		{
			name: "code built at run time",
			src:  "Invoke-Expression $code\niex 'x'\n$b = [ScriptBlock]::Create($code)\n$ExecutionContext.InvokeCommand.InvokeScript($code)\n",
			want: []string{"1:1: Invoke-Expression builds code", "2:1: iex builds code", "3:6: [ScriptBlock]::Create builds code", "4:1: $ExecutionContext.InvokeCommand.InvokeScript builds code"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, CheckReadOnly([]byte(tt.src)), tt.want)
		})
	}
}

// recorder is a testing.TB that records Errorf calls instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheckGeneratedWithOptions(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		opts Options
		want []string // recorded errors, as prefixes; columns count the BOM
	}{
		{name: "rule off", src: "Get-Mailbox -Identity 'a'\n", opts: Options{}},
		{name: "rule on, passing", src: "Get-Mailbox -Identity 'a' -ErrorAction Stop\n", opts: Options{ErrorAction: true}},
		{name: "rule on, failing", src: "Get-Mailbox -Identity 'a'\n", opts: Options{ErrorAction: true}, want: []string{"x.ps1:1:4: error action: Get-Mailbox: no -ErrorAction"}},
		{name: "write guard off", src: "Set-Mailbox -Identity 'a' -ErrorAction Stop\n", opts: Options{ErrorAction: true}},
		{
			name: "write guard on, passing",
			src:  "function F {\n    if ($PSCmdlet.ShouldProcess('a')) { Set-Mailbox -Identity 'a' -ErrorAction Stop }\n}\n",
			opts: Options{ErrorAction: true, WriteGuarded: true},
		},
		{
			name: "write guard on, failing",
			src:  "Set-Mailbox -Identity 'a' -ErrorAction Stop\n",
			opts: Options{WriteGuarded: true},
			want: []string{"x.ps1:1:4: write guard: Set-Mailbox: state-changing call outside any function", "x.ps1:1:4: write guard: Set-Mailbox: state-changing call not guarded"},
		},
		{name: "pure ASCII after the byte order mark", src: "$x = data { '~u~Kov\\u00E1cs' }\n", opts: Options{}},
		{
			name: "a letter outside ASCII",
			src:  "$x = data {\n'Kovács'\n}\n",
			want: []string{"x.ps1:2:5: a byte outside ASCII after the byte order mark"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			CheckGeneratedWith(r, "x.ps1", crlfBOM(tt.src), online, tt.opts)
			ok := len(r.errs) == len(tt.want)
			for i := 0; ok && i < len(tt.want); i++ {
				ok = strings.HasPrefix(r.errs[i], tt.want[i])
			}
			if !ok {
				t.Errorf("errors = %q, want prefixes %q", r.errs, tt.want)
			}
		})
	}
}
