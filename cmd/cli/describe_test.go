package cli

import (
	"bytes"
	"flag"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// helpFlagRE finds a flag in the Flags section of a command's --help, as
// flag.PrintDefaults writes it ("  -name value").
var helpFlagRE = regexp.MustCompile(`(?m)^  -([^ \t\n]+)`)

// helpFlags reads the flags a command's --help lists, independently of
// describeCommands.
func helpFlags(t *testing.T, name string) []string {
	t.Helper()
	code, stdout, stderr := run(t, "", name, "--help")
	if code != ExitOK || stderr != "" {
		t.Fatalf("%s --help: exit %d, stderr %q", name, code, stderr)
	}
	_, section, _ := strings.Cut(stdout, "\nFlags:\n")
	var out []string
	for _, m := range helpFlagRE.FindAllStringSubmatch(section, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

// TestEveryCommandDescribesItself checks the contract completion and the
// manual page rely on, for every command in the map (new ones included):
// --help builds its flag set with newFlags, prints only to standard
// output and exits 0, and describeCommands finds exactly the flags the
// help lists.
func TestEveryCommandDescribesItself(t *testing.T) {
	infos := map[string]commandInfo{}
	for _, c := range describeCommands() {
		infos[c.name] = c
	}
	if len(infos) != len(commands) {
		t.Errorf("describeCommands found %d commands, the map has %d", len(infos), len(commands))
	}
	for name, c := range commands {
		built := 0
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" },
			flagsBuilt: func(*flag.FlagSet, string, string) { built++ }}
		if code := c.run(e, []string{"--help"}); code != ExitOK || stderr.Len() > 0 || built == 0 {
			t.Errorf("%s --help: exit %d, %d flag sets from newFlags, stderr %q: each command must build its flags with newFlags and stop at --help",
				name, code, built, stderr.String())
		}
		var got []string
		for _, f := range infos[name].flags {
			got = append(got, f.name)
		}
		if want := helpFlags(t, name); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: described flags %v, --help lists %v", name, got, want)
		}
		if infos[name].summary != c.summary || !strings.Contains(stdout.String(), infos[name].help) {
			t.Errorf("%s: described summary or help differ from the command's", name)
		}
	}
}

// TestFlagInfo checks what is read from a flag: its value's name, whether
// that is a path, its default, repetition, and the choices the usage
// line lists.
func TestFlagInfo(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("strict", false, "fail on `warnings` too")
	fs.String("o", "", "`directory` to write to")
	fs.String("config", "", "this `YAML` file")
	fs.String("format", "text", "output `format`")
	fs.Int("n", 0, "at most `N`")
	fs.Func("domain", "a `domain` (repeat)", func(string) error { return nil })
	choices := flagChoices("[--format text|json|sarif] (OLD NEW | --base REV FILE) [--strict]")
	got := map[string]flagInfo{}
	fs.VisitAll(func(f *flag.Flag) { got[f.Name] = newFlagInfo(f, choices[f.Name]) })
	want := map[string]flagInfo{
		"strict": {name: "strict", usage: "fail on warnings too"},
		"o":      {name: "o", arg: "directory", usage: "directory to write to", path: dirPath},
		"config": {name: "config", arg: "YAML", usage: "this YAML file", path: filePath},
		"format": {name: "format", arg: "format", usage: "output format", def: "text", choices: []string{"text", "json", "sarif"}},
		"n":      {name: "n", arg: "N", usage: "at most N"},
		"domain": {name: "domain", arg: "domain", usage: "a domain (repeat)", repeat: true},
	}
	for n, w := range want {
		g := got[n]
		if g.name != w.name || g.arg != w.arg || g.usage != w.usage || g.def != w.def || g.repeat != w.repeat || g.path != w.path ||
			strings.Join(g.choices, "|") != strings.Join(w.choices, "|") {
			t.Errorf("%s: got %+v, want %+v", n, g, w)
		}
	}
	if got["o"].spelled() != "-o" || got["format"].spelled() != "--format" {
		t.Errorf("spelled: %q %q", got["o"].spelled(), got["format"].spelled())
	}
	if len(choices) != 1 {
		t.Errorf("choices read from a usage line: %v, want only format's", choices)
	}
}

// withProbeCommand adds a command to the map for the length of a test, as
// another engineer adding one would: completion and the manual page must
// show it and its flags with nothing else changed. Its name and flags hold
// characters no shell word should: those must be left out, not written.
func withProbeCommand(t *testing.T) {
	t.Helper()
	probe := func(e *env, args []string) int {
		fs := newFlags(e, "zz-probe", "[--probe-dir DIR] FILE", "Probes.\n\n.TH leading dot\n'quote \\backslash")
		fs.String("probe-dir", "", "a `directory` to probe")
		fs.String("probe-format", "", "a `format`")
		fs.Bool("probe-$(touch pwned)", false, "never written")
		_, code, _ := parse(e, fs, args)
		return code
	}
	commands["zz-probe"] = command{"probe the completion", probe}
	commands["zz;rm -rf x"] = command{"never written", probe}
	t.Cleanup(func() {
		delete(commands, "zz-probe")
		delete(commands, "zz;rm -rf x")
	})
}
