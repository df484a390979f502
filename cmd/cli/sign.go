package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hybridc/hybridc/cmd/authenticode"
)

const signHelp = `
Signs scripts that 'hybridc compile' wrote (.ps1) in place, replacing a
signature they already carry. Signing gives exactly the bytes that
'hybridc compile --sign-...' writes with the same key and flags.
` + signCheckHelp + `
Every script is checked and signed in memory first; if any is refused or
cannot be signed, none is changed. The scripts are then replaced all or
nothing: each is written to a temporary file beside it (.hybridc-tmp-*),
and only when all are complete renamed over it; if one cannot be replaced
(a read-only file, a file locked by another program), those already
replaced get their previous versions back, and the error names the file.
As compile writes only into plain folders, sign signs only regular files in
them: a script that is a symbolic link (or a Windows junction or other
reparse point), or whose folder is reached through one inside the
repository, is refused and nothing is signed.
On a terminal, a run that takes over a second (compiling a large --config)
shows on standard error what it is doing (--quiet: never).
` + dirConfigHelp + globHelp + signingHelp + `
Examples:
  hybridc sign --config hybrid.yaml --sign-pfx codesign.pfx --sign-password-file pfx-password.txt out/*.ps1
  HYBRIDC_SIGN_PASSWORD=... hybridc sign --config hybrid.yaml --sign-pfx codesign.pfx out/onprem.ps1
  hybridc sign --config config/ --sign-cert codesign-chain.pem --sign-key codesign.key --sign-hash sha384 out/*.ps1
  hybridc sign --no-config --sign-pfx codesign.pfx export/export-onprem.ps1 export/export-online.ps1

Exit codes: 0 signed, 1 a script cannot be signed (its encoding, a signature
marker in its text) or --config has errors, 2 usage, I/O or signing-key
error, or a script refused: not what --config compiles to (with --no-config:
without hybridc's header).
`

// signableExts are the extensions of files signed with the PowerShell SIP's
// comment block. (.ps1xml and .cdxml use an XML comment block instead.)
var signableExts = []string{".ps1", ".psm1", ".psd1"}

func runSign(e *env, args []string) int {
	fs := newFlags(e, "sign", "(--config YAML | --no-config) (--sign-pfx FILE | --sign-cert FILE --sign-key FILE) [flags] FILE...", signHelp)
	configFile := fs.String("config", "", "sign only scripts that are byte for byte what this `YAML` (file or directory) compiles to")
	noConfig := fs.Bool("no-config", false, "sign scripts with hybridc's header without checking them against a configuration (warns)")
	sf := addSignFlags(fs)
	quiet := quietFlag(fs)
	paths, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(paths) == 0 || !sf.wanted() {
		fmt.Fprintln(e.stderr, "hybridc sign: need --sign-pfx FILE, or --sign-cert FILE and --sign-key FILE, and at least one script")
		fs.Usage()
		return ExitUsage
	}
	if (*configFile == "") == !*noConfig {
		fmt.Fprintln(e.stderr, "hybridc sign: need --config YAML, the configuration the scripts were compiled from, so that only what it compiles to is signed (or --no-config to sign hybridc's scripts unchecked; not both); nothing was signed")
		return ExitUsage
	}
	paths, err := expandGlobs(paths)
	if err != nil {
		e.complain("sign", "%s; nothing was signed", err)
		return ExitUsage
	}
	for _, p := range paths {
		if !signable(p) {
			e.complain("sign", "%s: only PowerShell scripts (%s) can be signed; nothing was signed", p, strings.Join(signableExts, ", "))
			return ExitUsage
		}
	}
	sg, err := sf.load(e)
	if err != nil {
		e.complain("sign", "%s; nothing was signed", err)
		return ExitUsage
	}
	pr := e.newProgress(*quiet)
	defer pr.done()
	var src signSource
	if *configFile != "" {
		var code int
		if src.config, code = compileExpected(e, pr, "sign", *configFile); src.config == nil {
			fmt.Fprintln(e.stderr, "hybridc sign: nothing was signed")
			return code
		}
	}

	writes, shown, exit := signScripts(e, pr, paths, sg, src)
	pr.done()
	if exit != ExitOK {
		fmt.Fprintln(e.stderr, "hybridc sign: nothing was signed")
		return exit
	}
	if err := replaceFiles(writes); err != nil {
		e.complain("sign", "%s", err)
		return ExitUsage
	}
	by := fmt.Sprintf("signed by %s, %s", certName(sg.signer.Certificate()), hashName(sg.opt))
	if sg.opt.TimestampURL != "" {
		by += ", timestamped"
	}
	for _, p := range shown {
		fmt.Fprintf(e.stdout, "%s: %s\n", printableName(p), printable(by))
		if src.config == nil {
			e.complain("sign", "warning: %s was signed without --config: it was not checked against a configuration, and now runs under AllSigned whatever it does", p)
		}
	}
	return ExitOK
}

// signScripts checks (src.admit) and signs each script in memory, reporting
// each one refused or that cannot be signed. It returns the files to
// replace, the paths signed and the exit code: ExitOK when all can be
// signed.
func signScripts(e *env, pr *progress, paths []string, sg *signing, src signSource) (writes []fileWrite, shown []string, exit int) {
	seen := map[string]bool{}
	exit = ExitOK
	for i, p := range paths {
		pr.step("signing %s%s", p, ofFiles(i, len(paths)))
		target, info, script, err := readScript(p)
		if err != nil {
			pr.clear()
			if strings.Contains(err.Error(), p) {
				e.complain("sign", "%s", err)
			} else {
				e.complain("sign", "%s: %s", p, err)
			}
			exit = ExitUsage
			continue
		}
		if seen[target] {
			continue
		}
		seen[target] = true
		body, refused := src.admit(p, script)
		if refused != "" {
			pr.clear()
			e.complain("sign", "%s: %s", p, refused)
			exit = ExitUsage
			continue
		}
		signed, err := sg.sign(body)
		if err != nil {
			pr.clear()
			e.complain("sign", "%s: %s", p, err)
			if errors.Is(err, authenticode.ErrTimestamp) {
				exit = ExitUsage
			} else if exit == ExitOK {
				exit = ExitFindings
			}
			continue
		}
		shown = append(shown, p)
		if !bytes.Equal(signed, script) {
			writes = append(writes, fileWrite{path: target, data: signed, perm: info.Mode().Perm()})
		}
	}
	return writes, shown, exit
}

// readScript reads a script to sign in place, on the rules compile writes
// by: its folder must be a plain folder (plainFolder: no link or junction
// in its path inside the repository) and the script a regular file itself,
// not a link, since signing writes where the link points, outside the
// folder and perhaps the repository (a pull request can commit such a
// link). It returns the cleaned absolute path, the file's information and
// its bytes.
func readScript(p string) (string, os.FileInfo, []byte, error) {
	target, err := plainFile(p)
	if err != nil {
		return "", nil, nil, err
	}
	info, err := os.Lstat(target)
	if err == nil && info.Mode()&(os.ModeSymlink|os.ModeIrregular) != 0 {
		err = fmt.Errorf("%s is %s: not followed, since signing would write where it points; sign the file itself, by its own path", p, typeName(info.Mode()))
	}
	if err != nil {
		return "", nil, nil, err
	}
	script, err := readRegular(target, maxScriptBytes)
	return target, info, script, err
}

// signable reports whether path has the extension of a script sign handles.
func signable(path string) bool {
	return slices.Contains(signableExts, strings.ToLower(filepath.Ext(path)))
}

// hashName names the digest algorithm of opt, e.g. SHA-256.
func hashName(opt authenticode.Options) string {
	if opt.Hash == 0 {
		return "SHA-256"
	}
	return opt.Hash.String()
}
