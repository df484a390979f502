package cli

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hybridc/hybridc/cmd/authenticode"
	"github.com/hybridc/hybridc/compiler"
)

const verifyHelp = `
Checks signed scripts and prints one line per script:

  FILE: valid (signed by <certificate subject CN>, SHA-256, chain verified)
  FILE: valid (signed by <CN>, SHA-256, chain not checked)     (--no-chain)
  FILE: INVALID: <reason>

Every script is checked for a well-formed signature block, a signature that
matches the signer's certificate, a certificate valid for code signing (at
the timestamp if the signature has one, otherwise now), and no change after
signing.

--ca FILE checks that the signer's certificate chains to one of the
certificates in FILE (PEM, one or more; or DER), for code signing; for
scripts signed with --timestamp-url, FILE must also hold the root of the
timestamp authority. One of --ca and --no-chain is required (without
either, verify reads no script and exits 2): without --ca, who signed is
not checked, and anyone can make a certificate with the signer's name (a
script re-signed with a self-made certificate that copies it is intact
too). --no-chain says that checking integrity alone is meant: an intact
script's line then says "valid (..., chain not checked)".

--config YAML also compiles YAML (a file, or a directory of YAML files) in
memory, as 'hybridc compile' with this version of hybridc would now, and
checks that each script without its signature is byte for byte what YAML
compiles to, matched by file name (onprem.ps1, online.ps1,
partner-<domain>.ps1). This catches scripts edited by hand and signed again,
stale scripts compiled from an older YAML, and scripts the YAML does not
produce.
` + dirConfigHelp + `
Each FILE must be a regular file itself: a symbolic link is not followed,
and a named pipe, device or a file larger than any script hybridc writes is
reported without being read.
` + globHelp + `
Run it where the scripts will run, before running them, on what was carried
there. On a terminal, a run that takes over a second (compiling a large
--config) shows on standard error what it is doing (--quiet: never).

Examples:
  hybridc verify --ca ca.pem out/*.ps1
  hybridc verify --ca ca.pem --config hybrid.yaml out/*.ps1
  hybridc verify --no-chain out/onprem.ps1     # integrity only: who signed is not checked

Exit codes: 0 all valid, 1 some script invalid (or --config has errors), 2
usage or I/O error (neither --ca nor --no-chain included).
`

// noChainMissing explains why verify needs --ca or --no-chain.
const noChainMissing = "hybridc verify: give --ca FILE (the CA certificates the signer's certificate must chain to) or --no-chain: " +
	"without --ca who signed is not checked, and anyone can make a certificate with the signer's name; " +
	"--no-chain checks only that each signature is intact"

func runVerify(e *env, args []string) int {
	fs := newFlags(e, "verify", "(--ca FILE | --no-chain) [--config YAML] FILE...", verifyHelp)
	caFile := fs.String("ca", "", "trusted CA certificates `file` (PEM bundle or DER) the signer's certificate must chain to")
	noChain := fs.Bool("no-chain", false, "instead of --ca: check only that each signature is intact, not who signed")
	configFile := fs.String("config", "", "also check that the scripts are what this `YAML` file compiles to now")
	quiet := quietFlag(fs)
	paths, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(e.stderr, "hybridc verify: no script given")
		fs.Usage()
		return ExitUsage
	}
	if *noChain && *caFile != "" {
		fmt.Fprintln(e.stderr, "hybridc verify: --no-chain and --ca exclude each other: --ca checks the chain")
		return ExitUsage
	}
	if !*noChain && *caFile == "" {
		fmt.Fprintln(e.stderr, noChainMissing)
		fs.Usage()
		return ExitUsage
	}
	paths, err := expandGlobs(paths)
	if err != nil {
		e.complain("verify", "%s", err)
		return ExitUsage
	}
	var roots *x509.CertPool
	if *caFile != "" {
		if roots, err = loadRoots(*caFile); err != nil {
			e.complain("verify", "--ca: %s", err)
			return ExitUsage
		}
	}
	pr := e.newProgress(*quiet)
	defer pr.done()
	var cfg *expectedScripts
	if *configFile != "" {
		var code int
		if cfg, code = compileExpected(e, pr, "verify", *configFile); cfg == nil {
			return code
		}
	}

	exit := ExitOK
	for i, p := range paths {
		pr.step("checking %s%s", p, ofFiles(i, len(paths)))
		script, err := readRegular(p, maxScriptBytes)
		if err != nil {
			pr.clear()
			e.complain("verify", "%s", err)
			exit = ExitUsage
			continue
		}
		verdict, ok := verifyScript(p, script, roots, cfg)
		pr.clear() // before the verdict: standard output may be the terminal too
		if ok {
			fmt.Fprintf(e.stdout, "%s: valid (%s)\n", printableName(p), printable(verdict))
			continue
		}
		fmt.Fprintf(e.stdout, "%s: INVALID: %s\n", printableName(p), printable(verdict))
		if exit == ExitOK {
			exit = ExitFindings
		}
	}
	pr.done()
	if roots == nil {
		fmt.Fprintln(e.stderr, "hybridc verify: no --ca given: signatures and integrity were checked, certificate chains were not, so who signed is unknown")
	}
	return exit
}

// verifyScript checks one script and returns what to print after "valid ("
// or "INVALID: ", and whether it is valid.
func verifyScript(path string, script []byte, roots *x509.CertPool, cfg *expectedScripts) (string, bool) {
	res, err := authenticode.Verify(script, authenticode.VerifyOptions{Roots: roots})
	if errors.Is(err, authenticode.ErrNoSignature) {
		return "not signed (no signature block)", false
	}
	if errors.Is(err, authenticode.ErrDigestMismatch) && convertedAfterSigning(script, roots) {
		return err.Error() + ": " + convertedScript, false
	}
	if err != nil {
		return err.Error(), false
	}
	if cfg != nil {
		body, _ := authenticode.Strip(script)
		if reason := cfg.compare(filepath.Base(path), body); reason != "" {
			return reason, false
		}
	}
	chain := "chain not checked"
	if res.Trusted {
		chain = "chain verified"
	}
	return fmt.Sprintf("signed by %s, %s, %s", certName(res.Signer), res.Hash, chain), true
}

// loadRoots reads trusted certificates: PEM CERTIFICATE blocks (other blocks
// are skipped) or, failing that, DER.
func loadRoots(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	certs, err := authenticode.ParsePEMCertificates(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(certs) == 0 {
		if certs, err = x509.ParseCertificates(data); err != nil || len(certs) == 0 {
			return nil, fmt.Errorf("%s holds no certificate (expected PEM CERTIFICATE blocks or DER)", path)
		}
	}
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool, nil
}

// expectedScripts are the scripts a YAML file compiles to now.
type expectedScripts struct {
	name  string // the YAML file's name, for messages
	files compiler.Files
}

// compileExpected compiles the --config file in memory, with the version
// string compile writes. On failure it reports why, as command cmd (verify,
// sign), and returns nil and the exit code.
func compileExpected(e *env, p *progress, cmd, path string) (*expectedScripts, int) {
	p.step("reading %s", path)
	in, err := readConfig(e, p, path)
	if err != nil {
		p.clear()
		e.complain(cmd, "--config: %s", err)
		return nil, ExitUsage
	}
	name := in.name
	p.step("compiling %s", name)
	res, err := in.compile(p.compiling(0, "compiling "+name))
	if len(res.Diagnostics) > 0 || err != nil || res.Files == nil {
		p.clear()
	}
	e.diagnostics(res.Diagnostics)
	if err != nil {
		e.complain(cmd, "--config: %s", err)
		return nil, ExitFindings
	}
	if res.Files == nil {
		e.complain(cmd, "%s has errors, so no script can be checked against it", name)
		return nil, ExitFindings
	}
	return &expectedScripts{name: name, files: res.Files}, ExitOK
}

// compare returns why body is not the script named base that the YAML
// compiles to, or "" when it is.
func (x *expectedScripts) compare(base string, body []byte) string {
	want, ok := x.files[base]
	if !ok {
		var names []string
		for _, n := range x.files.Names() {
			if isScript(n) {
				names = append(names, n)
			}
		}
		return fmt.Sprintf("%s does not produce a script named %s (it produces %s)", x.name, base, strings.Join(names, ", "))
	}
	if bytes.Equal(body, want) {
		return ""
	}
	if sameText(body, want) {
		return convertedScript
	}
	line := firstDifferentLine(body, want)
	gotVersion, wantVersion := headerField(headerVersion(), body), headerField(headerVersion(), want)
	gotYAML, wantYAML := headerField(headerYAMLHash(), body), headerField(headerYAMLHash(), want)
	switch {
	case gotYAML != "" && wantYAML != "" && gotYAML != wantYAML:
		return fmt.Sprintf("stale: it was compiled from another version of %s (line %d differs); compile and sign it again", x.name, line)
	case gotVersion != "" && wantVersion != "" && gotVersion != wantVersion:
		return fmt.Sprintf("it was compiled by hybridc %s, and this hybridc %s compiles %s differently (line %d differs); verify with hybridc %s, or compile and sign it again",
			gotVersion, wantVersion, x.name, line, gotVersion)
	}
	return fmt.Sprintf("edited after it was compiled: line %d differs from what %s compiles to", line, x.name)
}

// The header lines in which a generated script records the hybridc version
// and the SHA-256 of the YAML it was compiled from.
var (
	// A version is what version() can give (v1.2.3, a pseudo-version,
	// devel+0123456789ab+dirty): a header holding anything else names no
	// version, so a crafted one never reads as "only the version differs".
	headerVersion  = lazyRegexp(`Generated by hybridc ([0-9A-Za-z][0-9A-Za-z.+_-]{0,63}) from `)
	headerYAMLHash = lazyRegexp(`\(SHA-256 ([0-9a-f]{64})\)`)
)

// headerField returns the first submatch of re in the head of script, or "".
func headerField(re *regexp.Regexp, script []byte) string {
	if m := re.FindSubmatch(script[:min(len(script), 4096)]); m != nil {
		return string(m[1])
	}
	return ""
}

// firstDifferentLine returns the 1-based number of the first line in which
// a and b differ.
func firstDifferentLine(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return bytes.Count(a[:i], []byte("\n")) + 1
}
