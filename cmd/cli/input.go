package cli

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// input is a configuration as the user named it: one YAML file, standard
// input ("-"), or a directory whose YAML files are merged.
type input struct {
	// name is the file or directory as given ("<stdin>" for "-").
	name string
	// file is the YAML of a single file; nil for a directory.
	file *compiler.Source
	// dir is the directory's YAML files; nil for a single file.
	dir *compiler.Bundle
}

// readInput reads a configuration: a file, standard input for "-", or every
// *.yaml and *.yml file directly in a directory (see yamlFiles).
func readInput(e *env, path string) (*input, error) {
	if path == "-" {
		data, err := io.ReadAll(io.LimitReader(e.stdin, maxYAMLBytes+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxYAMLBytes {
			return nil, fmt.Errorf("standard input: %w (at most %d bytes are read)", errTooLarge, maxYAMLBytes)
		}
		return &input{name: "<stdin>", file: &compiler.Source{Name: "<stdin>", Data: data}}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		data, err := readFollowing(path, maxYAMLBytes)
		if err != nil {
			return nil, err
		}
		return &input{name: path, file: &compiler.Source{Name: path, Data: data}}, nil
	}
	names, err := yamlFiles(path)
	if err != nil {
		return nil, err
	}
	b := &compiler.Bundle{Name: filepath.Clean(path)}
	for _, n := range names {
		p := filepath.Join(path, n)
		data, err := readEntry(path, p)
		if err != nil {
			return nil, err
		}
		b.Files = append(b.Files, compiler.Source{Name: p, Data: data})
	}
	return &input{name: b.Name, dir: b}, nil
}

// readEntry reads the YAML file p of the directory configuration dir. It
// must be a regular file itself: a symbolic link (or a Windows junction or
// other reparse point) is refused, not followed, since a committed link
// could make hybridc read any file the user can read, and show its keys in
// diagnostics and CI annotations. An entry that cannot be read is never
// left out: a configuration missing one of its files would compile without
// its resources.
func readEntry(dir, p string) ([]byte, error) {
	data, err := readRegular(p, maxYAMLBytes)
	if err == nil {
		return data, nil
	}
	if info, lerr := os.Lstat(p); lerr == nil && info.Mode()&(fs.ModeSymlink|fs.ModeIrregular) != 0 {
		return nil, fmt.Errorf("%s is %s: a directory configuration reads only regular files in the directory, never through links (a link could bring in any file); put the file itself there: every *.yaml and *.yml entry of %s is part of the configuration (rename or remove it)", p, typeName(info.Mode()), dir)
	}
	return nil, fmt.Errorf("%w: every *.yaml and *.yml entry of %s is part of the configuration (rename or remove it)", err, dir)
}

// yamlFiles lists the names of the YAML files directly in dir, sorted by
// name (byte order): every entry named *.yaml or *.yml (in any letter case)
// and not starting with a dot, as the shell's *.yaml would. It does not
// filter by type: readInput refuses an entry that is not a readable regular
// file (a link included) rather than compile without it. A directory
// without one is an error.
func yamlFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if isYAMLName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: the directory holds no YAML file (*.yaml, *.yml)", dir)
	}
	return names, nil
}

// isYAMLName reports whether a file name is one a directory configuration
// includes.
func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return !strings.HasPrefix(name, ".") && (ext == ".yaml" || ext == ".yml")
}

// analyze runs every stage but rendering, telling report (nil: nobody)
// what it does (see progress.compiling).
func (in *input) analyze(report func(compiler.Step)) *compiler.Result {
	opt := compiler.Options{Progress: report}
	if in.dir != nil {
		return compiler.AnalyzeAllWith(*in.dir, opt)
	}
	return compiler.AnalyzeWith(*in.file, opt)
}

// diagnose is analyze's diagnostics, what validate reports (see
// compiler.Diagnose), telling report (nil: nobody) what it does.
func (in *input) diagnose(report func(compiler.Step)) compiler.Diagnostics {
	opt := compiler.Options{Progress: report}
	if in.dir != nil {
		return compiler.DiagnoseAllWith(*in.dir, opt)
	}
	return compiler.DiagnoseWith(*in.file, opt)
}

// compile analyzes the configuration and renders its scripts in memory,
// telling report (nil: nobody) what it does.
func (in *input) compile(report func(compiler.Step)) (*compiler.Result, error) {
	opt := compiler.Options{ToolVersion: version(), Progress: report}
	if in.dir != nil {
		return compiler.CompileAll(*in.dir, opt)
	}
	return compiler.Compile(*in.file, opt)
}

// declaresSchema reports whether the input declares the hybridc schema (see
// hasSchemaModeline): a file by its modeline; a directory always, since it
// was named on purpose.
func (in *input) declaresSchema() bool {
	return in.dir != nil || hasSchemaModeline(in.file.Data)
}

// schemaModeline is how a YAML file points editors at its schema.
const schemaModeline = "yaml-language-server:"

// hasSchemaModeline reports whether the comment lines at the top of a YAML
// file (before any content; blank lines and a byte-order mark allowed)
// include the yaml-language-server modeline naming one of hybridc's
// schemas:
//
//	# yaml-language-server: $schema=<anything ending in hybrid.schema.json>
//	# yaml-language-server: $schema=<anything ending in hybrid.part.schema.json>
func hasSchemaModeline(data []byte) bool {
	return modelineSchema(data) != ""
}

// isPartFile reports whether data is a part of a directory configuration:
// its modeline names the part schema (compiler.PartSchemaFile).
func isPartFile(data []byte) bool {
	return modelineSchema(data) == compiler.PartSchemaFile
}

// modelineSchema returns which of hybridc's schemas the modeline in the
// comment lines at the top of a YAML file names: "hybrid.schema.json",
// compiler.PartSchemaFile, or "" for none.
func modelineSchema(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		text := strings.TrimSpace(string(line))
		if text == "" {
			continue
		}
		comment, ok := strings.CutPrefix(text, "#")
		if !ok {
			return ""
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(comment), schemaModeline)
		if !ok {
			continue
		}
		ref, ok := strings.CutPrefix(strings.TrimSpace(rest), "$schema=")
		ref = strings.TrimSpace(ref)
		switch {
		case !ok:
		case strings.HasSuffix(ref, compiler.PartSchemaFile):
			return compiler.PartSchemaFile
		case strings.HasSuffix(ref, "hybrid.schema.json"):
			return "hybrid.schema.json"
		}
	}
	return ""
}
