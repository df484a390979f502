package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// batchesExample is the small example whose batches its comments explain.
const batchesExample = "../../compiler/testdata/batches.yaml"

// batchesHeader is a hybrid deployment without mailboxes, to append
// mailboxes and permissions to.
const batchesHeader = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`

func TestBatchesText(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{
			name: "service account kept",
			args: []string{"batches", batchesExample},
			want: `9 on-premises mailboxes in 3 batches; largest 4

size          batches  mailboxes
1                   0          0
2                   1          2  ####################
3-4                 2          7  ########################################

Batch 1: 4 mailboxes
  dave@contoso.com
  erin@contoso.com
  frank@contoso.com
  scanner@contoso.com

Batch 2: 3 mailboxes
  alice@contoso.com
  bob@contoso.com
  carol@contoso.com

Batch 3: 2 mailboxes
  grace@contoso.com
  heidi@contoso.com
`,
		},
		{
			name: "service account excluded",
			args: []string{"batches", "--exclude-service-accounts", batchesExample, "--format", "text"},
			want: `8 on-premises mailboxes in 4 batches; largest 3; 1 service account left out

size          batches  mailboxes
1                   1          1  ####################
2                   2          4  ########################################
3-4                 1          3  ####################

Batch 1: 3 mailboxes
  alice@contoso.com
  bob@contoso.com
  carol@contoso.com

Batch 2: 2 mailboxes
  dave@contoso.com
  erin@contoso.com

Batch 3: 2 mailboxes
  grace@contoso.com
  heidi@contoso.com

Batch 4: 1 mailbox
  frank@contoso.com

Service accounts, move on their own schedule: 1
  scanner@contoso.com
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tt.args...)
			if code != ExitOK || stderr != "" {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if stdout != tt.want {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.want)
			}
		})
	}
}

func TestBatchesCSV(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		want       string
		wantStderr string
	}{
		{
			name: "service account kept",
			args: []string{"batches", "--format", "csv", batchesExample},
			want: "Batch,EmailAddress\n" +
				"1,dave@contoso.com\n1,erin@contoso.com\n1,frank@contoso.com\n1,scanner@contoso.com\n" +
				"2,alice@contoso.com\n2,bob@contoso.com\n2,carol@contoso.com\n" +
				"3,grace@contoso.com\n3,heidi@contoso.com\n",
		},
		{
			name: "service account excluded, and said so on stderr",
			args: []string{"batches", "--format=csv", "--exclude-service-accounts", batchesExample},
			want: "Batch,EmailAddress\n" +
				"1,alice@contoso.com\n1,bob@contoso.com\n1,carol@contoso.com\n" +
				"2,dave@contoso.com\n2,erin@contoso.com\n" +
				"3,grace@contoso.com\n3,heidi@contoso.com\n" +
				"4,frank@contoso.com\n",
			wantStderr: "hybridc batches: 1 service account left out of the CSV, to move on their own schedule: scanner@contoso.com\n",
		},
		{
			name: "no mailboxes: the header alone",
			args: []string{"batches", "--format", "csv", "-"},
			want: "Batch,EmailAddress\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, batchesHeader, tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if stdout != tt.want {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.want)
			}
			if stderr != tt.wantStderr {
				t.Errorf("stderr %q, want %q", stderr, tt.wantStderr)
			}
		})
	}
}

func TestBatchesCSVQuotes(t *testing.T) {
	src := batchesHeader + "mailboxes:\n  - {name: '\"Smith, Jo\"@contoso.com', location: onPremises}\n"
	code, stdout, stderr := run(t, src, "batches", "--format", "csv", "-")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if want := "Batch,EmailAddress\n1,\"\"\"Smith, Jo\"\"@contoso.com\"\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}

func TestBatchesJSON(t *testing.T) {
	type batch struct {
		ID        int      `json:"id"`
		Size      int      `json:"size"`
		Mailboxes []string `json:"mailboxes"`
	}
	type doc struct {
		FormatVersion int            `json:"formatVersion"`
		Batches       []batch        `json:"batches"`
		Excluded      []string       `json:"excluded"`
		Summary       map[string]int `json:"summary"`
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  doc
	}{
		{
			name: "service account excluded",
			args: []string{"batches", batchesExample, "--format", "json", "--exclude-service-accounts"},
			want: doc{
				FormatVersion: 1,
				Batches: []batch{
					{ID: 1, Size: 3, Mailboxes: []string{"alice@contoso.com", "bob@contoso.com", "carol@contoso.com"}},
					{ID: 2, Size: 2, Mailboxes: []string{"dave@contoso.com", "erin@contoso.com"}},
					{ID: 3, Size: 2, Mailboxes: []string{"grace@contoso.com", "heidi@contoso.com"}},
					{ID: 4, Size: 1, Mailboxes: []string{"frank@contoso.com"}},
				},
				Excluded: []string{"scanner@contoso.com"},
				Summary:  map[string]int{"mailboxes": 8, "batches": 4, "largest": 3, "excluded": 1, "permissions": 4},
			},
		},
		{
			name:  "no mailboxes: empty arrays, not null",
			args:  []string{"batches", "--format", "json", "-"},
			stdin: batchesHeader,
			want: doc{
				FormatVersion: 1,
				Batches:       []batch{},
				Excluded:      []string{},
				Summary:       map[string]int{"mailboxes": 0, "batches": 0, "largest": 0, "excluded": 0, "permissions": 0},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			// The exact keys, with nothing more at the top level.
			var raw map[string]json.RawMessage
			if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, stdout)
			}
			var keys []string
			for k := range raw {
				keys = append(keys, k)
			}
			if want := []string{"batches", "excluded", "formatVersion", "summary"}; !batchesSameKeys(keys, want) {
				t.Errorf("top-level keys %q, want %q", keys, want)
			}
			for _, k := range []string{"batches", "excluded"} {
				if !strings.HasPrefix(string(raw[k]), "[") {
					t.Errorf("%s is %s, want an array", k, raw[k])
				}
			}
			var got doc
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestBatchesCSVRefusesFormulas: a mailbox a spreadsheet program would run
// as a formula is refused in the CSV (nothing written), and shown as it is
// in the text format.
func TestBatchesCSVRefusesFormulas(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid.yaml", batchesHeader+`mailboxes:
  - {name: "=HYPERLINK(x)", location: onPremises}
  - {name: "@SUM(1)", location: onPremises}
  - {name: a@contoso.com, location: onPremises}
`)
	code, stdout, stderr := run(t, "", "batches", "--format", "csv", file)
	if code != ExitFindings || stdout != "" || !strings.Contains(stderr, "2 mailboxes cannot go into a CSV: =HYPERLINK(x), @SUM(1)") {
		t.Errorf("csv: exit %d, want %d with nothing written\nstdout: %s\nstderr: %s", code, ExitFindings, stdout, stderr)
	}
	code, stdout, stderr = run(t, "", "batches", file)
	if code != ExitOK || !strings.Contains(stdout, "  =HYPERLINK(x)\n") {
		t.Errorf("text: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

// TestBatchesCSVRefusesFormulasAfterSeparators: a mailbox whose text
// holds a formula after a list separator (";" in many European locales,
// "," elsewhere, tab, "|") is refused in the CSV, like one that starts
// with a formula: "x;=cmd|..." is a formula cell where the separator is ";".
func TestBatchesCSVRefusesFormulasAfterSeparators(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid.yaml", batchesHeader+`mailboxes:
  - {name: "x;=cmd|' /C calc'!A0", location: onPremises}
  - {name: "x, =1+1", location: onPremises}
  - {name: "Smith, John", location: onPremises}
  - {name: a@contoso.com, location: onPremises}
`)
	code, stdout, stderr := run(t, "", "batches", "--format", "csv", file)
	if code != ExitFindings || stdout != "" || !strings.Contains(stderr, "2 mailboxes cannot go into a CSV: ") ||
		!strings.Contains(stderr, "x;=cmd|") || !strings.Contains(stderr, "x, =1+1") || strings.Contains(stderr, "Smith") {
		t.Errorf("csv: exit %d, want %d with nothing written\nstdout: %s\nstderr: %s", code, ExitFindings, stdout, stderr)
	}
}

// TestFormulaCell holds the rule for every separator a locale may use.
func TestFormulaCell(t *testing.T) {
	for s, want := range map[string]bool{
		"a@contoso.com": false, "jean-luc@contoso.com": false, "Smith, John": false, "a;b|c\td": false,
		"=1": true, "+1": true, "-1": true, "@SUM(1)": true, " =1": true, "'=1": true, `"=1`: true,
		"x,=1": true, "x;=cmd|' /C calc'!A0": true, "x\t=1": true, "x|+1": true, "x; \"-1": true, "x,@a": true,
	} {
		if got := formulaCell(s); got != want {
			t.Errorf("formulaCell(%q) = %v, want %v", s, got, want)
		}
	}
}

func batchesSameKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	in := map[string]bool{}
	for _, s := range a {
		in[s] = true
	}
	for _, s := range b {
		if !in[s] {
			return false
		}
	}
	return true
}

func TestBatchesExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.yaml", batchesHeader+"mailboxes:\n  - {name: a@contoso.com, location: cloud}\n")
	configDir := filepath.Join(dir, "config")
	if err := os.Mkdir(configDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, configDir, "hybrid.yaml", batchesHeader+"mailboxes:\n  - {name: a@contoso.com, location: onPremises}\n")
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "text", args: []string{"batches", batchesExample}, wantCode: ExitOK, wantStdout: "9 on-premises mailboxes in 3 batches; largest 4\n"},
		{name: "stdin", args: []string{"batches", "-"}, stdin: batchesHeader, wantCode: ExitOK, wantStdout: "0 on-premises mailboxes in 0 batches; largest 0\n"},
		{name: "directory", args: []string{"batches", configDir}, wantCode: ExitOK, wantStdout: "1 on-premises mailbox in 1 batch; largest 1\n"},
		{name: "help", args: []string{"batches", "--help"}, wantCode: ExitOK, wantStdout: "Usage: hybridc batches FILE"},
		{name: "help via help", args: []string{"help", "batches"}, wantCode: ExitOK, wantStdout: "cross-premises permissions work once one side has\nmoved"},
		{name: "listed in the command list", args: []string{"--help"}, wantCode: ExitOK, wantStdout: "\n  batches    group on-premises mailboxes"},
		{name: "errors in the file", args: []string{"batches", bad}, wantCode: ExitFindings, wantStderr: "bad.yaml has errors; no batches computed"},
		{name: "errors are printed as validate does", args: []string{"batches", bad}, wantCode: ExitFindings, wantStderr: "bad.yaml:13:37: error HC0204: location"},
		{name: "no file", args: []string{"batches"}, wantCode: ExitUsage, wantStderr: "need exactly one FILE"},
		{name: "two files", args: []string{"batches", batchesExample, batchesExample}, wantCode: ExitUsage, wantStderr: "need exactly one FILE"},
		{name: "missing file", args: []string{"batches", filepath.Join(dir, "nope.yaml")}, wantCode: ExitUsage, wantStderr: "no such file"},
		{name: "unknown format", args: []string{"batches", "--format", "xml", batchesExample}, wantCode: ExitUsage, wantStderr: `unknown format "xml"`},
		{name: "negative warn size", args: []string{"batches", "--warn-size", "-1", batchesExample}, wantCode: ExitUsage, wantStderr: "--warn-size -1"},
		{name: "warn size not a number", args: []string{"batches", "--warn-size", "many", batchesExample}, wantCode: ExitUsage, wantStderr: "invalid value"},
		{name: "unknown flag", args: []string{"batches", "--split", batchesExample}, wantCode: ExitUsage, wantStderr: "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.wantStderr)
			}
			if code == ExitFindings && stdout != "" {
				t.Errorf("a file with errors printed batches:\n%s", stdout)
			}
		})
	}
}

// chainYAML declares n on-premises mailboxes, each with Full Access on the
// next: one batch of n.
func chainYAML(n int) string {
	var b strings.Builder
	b.WriteString(batchesHeader + "mailboxes:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: u%d@contoso.com, location: onPremises}\n", i)
	}
	b.WriteString("permissions:\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  - {access: FullAccess, mailbox: u%d@contoso.com, trustee: u%d@contoso.com}\n", i-1, i)
	}
	return b.String()
}

func TestBatchesWarnSize(t *testing.T) {
	dir := t.TempDir()
	chain501 := writeFile(t, dir, "chain501.yaml", chainYAML(501))
	chain500 := writeFile(t, dir, "chain500.yaml", chainYAML(500))
	const warning = "hybridc batches: warning: batch "
	tests := []struct {
		name     string
		args     []string
		want     []string // warnings, one a line, in order
		wantText []string // each warning contains these
	}{
		// Every mailbox but the ends of the chain has two permissions;
		// u100@ sorts first of them.
		{name: "default 500: 501 mailboxes warn", args: []string{"batches", chain501},
			want:     []string{warning + "1 has 501 mailboxes, more than --warn-size 500"},
			wantText: []string{"u100@contoso.com takes part in 2 permissions", "--exclude-service-accounts", "split the batch"}},
		{name: "default 500: 500 mailboxes do not", args: []string{"batches", chain500}},
		{name: "every batch larger warns, largest first", args: []string{"batches", "--warn-size", "2", batchesExample},
			want:     []string{warning + "1 has 4 mailboxes, more than --warn-size 2", warning + "2 has 3 mailboxes, more than --warn-size 2"},
			wantText: []string{"serviceAccount: true"}},
		{name: "a batch of exactly N does not warn", args: []string{"batches", "--warn-size", "4", batchesExample}},
		{name: "0 never warns", args: []string{"batches", "--warn-size", "0", chain501}},
		{name: "with the JSON format too", args: []string{"batches", "--format", "json", "--warn-size", "3", batchesExample},
			want: []string{warning + "1 has 4 mailboxes, more than --warn-size 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d (warnings must not fail), stderr:\n%s", code, stderr)
			}
			if strings.Contains(stdout, "warning") {
				t.Errorf("a warning went to stdout:\n%s", stdout)
			}
			var lines []string
			if stderr != "" {
				lines = strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("%d lines on stderr, want %d:\n%s", len(lines), len(tt.want), stderr)
			}
			for i, line := range lines {
				if !strings.HasPrefix(line, tt.want[i]) {
					t.Errorf("stderr line %q, want it to start with %q", line, tt.want[i])
				}
				for _, w := range tt.wantText {
					if !strings.Contains(line, w) {
						t.Errorf("stderr line %q lacks %q", line, w)
					}
				}
			}
		})
	}
}

// TestBatchesNoWorkflowCommand: a mailbox named like a GitHub workflow
// command does not start a line of the text output (the runner would run
// it); it is printed in quotes.
func TestBatchesNoWorkflowCommand(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid.yaml", batchesHeader+`mailboxes:
  - {name: "::error file=README.md::approved", location: onPremises}
  - {name: a@contoso.com, location: onPremises}
`)
	code, stdout, stderr := run(t, "", "batches", file)
	if code != ExitOK || !strings.Contains(stdout, "  '::error file=README.md::approved'\n") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") {
			t.Errorf("a line reads as a workflow command: %s", line)
		}
	}
}
