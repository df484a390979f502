package golden_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/cli"
	"github.com/hybridc/hybridc/golden/pscheck"
)

// exportOutputs runs "hybridc export -o DIR ARGS" for each case of
// export/, whose args.txt holds ARGS, one a line. Its scripts are stored as
// the compiled scripts are: case files, and their engine in golden/engine.
func exportOutputs(t *testing.T) []*output {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("export", "*", "args.txt"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no export cases found: %v", err)
	}
	var outs []*output
	for _, a := range dirs {
		dir := filepath.Dir(a)
		args := readArgs(t, a)
		var got map[string][]byte
		for run := 0; run < 2; run++ {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			code := cli.Run(append([]string{"export", "-o", out}, args...), strings.NewReader(""), &stdout, &stderr)
			if code != cli.ExitOK || stderr.Len() > 0 {
				t.Fatalf("%s: hybridc export: exit %d\n%s", dir, code, stderr.String())
			}
			files := readDir(t, out)
			if run == 1 && !sameFiles(got, files) {
				t.Fatalf("%s: two runs of hybridc export gave different scripts", dir)
			}
			got = files
		}
		outs = append(outs, &output{
			dir:     filepath.ToSlash(dir),
			got:     got,
			isInput: func(name string) bool { return name == "args.txt" },
			check:   checkExport,
		})
	}
	return outs
}

// checkExport checks an export script in every environment it runs in,
// and that it changes nothing.
func checkExport(t *testing.T, name string, body []byte) {
	t.Helper()
	envs := []pscheck.Env{{Online: true}}
	if !strings.Contains(name, "online") {
		envs = nil
		for _, v := range []string{"2013", "2016", "2019", "SE"} {
			envs = append(envs, pscheck.Env{OnPremVersion: "Exchange Server " + v})
		}
	}
	for _, env := range envs {
		pscheck.CheckGeneratedWith(t, name, body, env, pscheck.Options{ErrorAction: true, WriteGuarded: true})
	}
	for _, f := range pscheck.CheckReadOnly(body) {
		t.Errorf("%s:%d:%d: %s", name, f.Line, f.Col, f.Msg)
	}
}

// readArgs reads a case's command-line arguments, one a line.
func readArgs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			args = append(args, l)
		}
	}
	return args
}

// readDir reads every file of a directory a command wrote.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = body
	}
	return files
}
