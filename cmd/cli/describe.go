package cli

import (
	"flag"
	"io"
	"sort"
	"strings"
)

// The commands that describe the others join the commands map here: their
// run functions read the map, which its own initializer cannot refer to.
func init() {
	commands["completion"] = command{"print a shell completion script: bash, zsh, fish or powershell", runCompletion}
	commands["man"] = command{"write hybridc's manual page (roff) to standard output", runMan}
}

// commandInfo is what completion and the manual page know of a command:
// all of it read from the command itself (describeCommands).
type commandInfo struct {
	name, summary string
	usageLine     string // what follows "hybridc NAME" in the usage line
	help          string // the description and examples newFlags was given
	flags         []flagInfo
	// words are the values its positional arguments take, when they are
	// not file names (completion's shells).
	words []string
}

// pathKind says whether a flag's value names a file or a directory.
type pathKind int

const (
	noPath pathKind = iota
	filePath
	dirPath
)

// flagInfo is one flag of a command, as its flag set defines it.
type flagInfo struct {
	name    string // without dashes
	arg     string // the value's name in the help (`file`), "" for a boolean flag
	usage   string // the help text, back quotes removed
	def     string // the default the help shows, "" for none
	repeat  bool   // each use adds a value (a flag.Func flag)
	path    pathKind
	choices []string // the values the usage line lists (--format text|json)
}

// spelled is the flag as completion offers it: -o for a one-letter flag,
// --name otherwise (the flag package takes one dash or two).
func (f flagInfo) spelled() string {
	if len(f.name) == 1 {
		return "-" + f.name
	}
	return "--" + f.name
}

// topLevelWords are what env.run accepts besides the commands.
var topLevelWords = []string{"help", "--help", "--version"}

// positionalWords lists, by command, the values of positional arguments
// that are not file names.
func positionalWords(name string) []string {
	if name == "completion" {
		return shellNames()
	}
	return nil
}

// describeCommands runs every command with --help, output discarded, and
// collects the flag sets it builds with newFlags, so that completion and
// the manual page follow the commands as they are, new ones included.
// --help returns before a command reads input or writes anything; the
// commands test checks that each one builds a flag set and exits 0.
func describeCommands() []commandInfo {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]commandInfo, 0, len(names))
	for _, n := range names {
		if plainWord().MatchString(n) {
			out = append(out, describeCommand(n, commands[n]))
		}
	}
	return out
}

// plainWord is what a command or flag name must be to be written into a
// completion script or the manual page: shells expand word lists, so a name
// with anything else in it is left out rather than quoted.
var plainWord = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// describeCommand runs one command with --help and reads its flag sets
// (a command building several gets their flags merged).
func describeCommand(name string, c command) commandInfo {
	info := commandInfo{name: name, summary: c.summary, words: positionalWords(name)}
	var sets []*flag.FlagSet
	e := &env{
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv:   func(string) string { return "" },
		terminal: func(io.Writer) bool { return false },
		flagsBuilt: func(fs *flag.FlagSet, usageLine, help string) {
			if len(sets) == 0 {
				info.usageLine, info.help = usageLine, strings.TrimSpace(help)
			}
			sets = append(sets, fs)
		},
	}
	c.run(e, []string{"--help"})
	choices := flagChoices(info.usageLine)
	seen := map[string]bool{}
	for _, fs := range sets {
		fs.VisitAll(func(f *flag.Flag) {
			if !seen[f.Name] && plainWord().MatchString(f.Name) {
				seen[f.Name] = true
				info.flags = append(info.flags, newFlagInfo(f, choices[f.Name]))
			}
		})
	}
	sort.Slice(info.flags, func(i, j int) bool { return info.flags[i].name < info.flags[j].name })
	return info
}

// newFlagInfo reads one flag: the value's name and usage as the flag
// package prints them, and whether the value is a path from that name.
func newFlagInfo(f *flag.Flag, choices []string) flagInfo {
	arg, usage := flag.UnquoteUsage(f)
	fi := flagInfo{name: f.Name, usage: usage, choices: choices}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
		fi.arg = arg
		if fi.arg == "" {
			fi.arg = "value"
		}
		if f.DefValue != "" && f.DefValue != "0" {
			fi.def = f.DefValue
		}
	}
	// The flag package's own values implement flag.Getter; a value that
	// does not (flag.Func) is one the command accumulates.
	_, getter := f.Value.(flag.Getter)
	fi.repeat = !getter
	switch strings.ToLower(fi.arg) {
	case "file", "files", "yaml", "path":
		fi.path = filePath
	case "dir", "directory":
		fi.path = dirPath
	}
	return fi
}

// choicesRE finds "--name a|b|c" in a usage line.
var choicesRE = lazyRegexp(`--?([a-z0-9][a-z0-9-]*)[ =]([a-z0-9][a-z0-9._-]*(?:\|[a-z0-9][a-z0-9._-]*)+)`)

// flagChoices reads the values a usage line lists for its flags
// ([--format text|json|sarif]), by flag name.
func flagChoices(usageLine string) map[string][]string {
	out := map[string][]string{}
	for _, m := range choicesRE().FindAllStringSubmatch(usageLine, -1) {
		out[m[1]] = strings.Split(m[2], "|")
	}
	return out
}

// plainVersion is hybridc's version for a comment in a generated script or
// page: printable ASCII only, so that it cannot end the comment.
func plainVersion() string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' {
			return '?'
		}
		return r
	}, version())
}
