package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hybridc/hybridc/cmd/authenticode"
	"github.com/hybridc/hybridc/compiler"
)

// scriptCheck is what compile --check found about one file.
type scriptCheck struct {
	// reason says why the file is not what the YAML compiles to; "" when
	// it is.
	reason string
	// compiledBy is the hybridc version the file's header names, when it
	// differs from this hybridc's and the file was compiled from the same
	// YAML: the versions, not the YAML, make the difference.
	compiledBy string
	// signedOnly: the file is signed and, without its signature, current:
	// only the signing flags were missing.
	signedOnly bool
}

// checkScripts is compile --check: it compares each script name compiles
// to with the file of that name in dir, writes nothing, and lists on
// standard output every script that is missing or differs. With signed,
// the scripts in dir must be signed and their bodies without the signature
// are compared, so that a signed script counts as current; signatures
// themselves are checked by hybridc verify.
func checkScripts(e *env, pr *progress, dir, name string, files compiler.Files, signed bool) int {
	stale, signedOnly := 0, 0
	by := map[string]bool{} // the versions that compiled files that differ only by version
	for _, n := range files.Names() {
		p := filepath.Join(dir, n)
		c := checkScript(p, name, files[n], signed && isScript(n))
		if c.reason == "" {
			continue
		}
		pr.clear()
		fmt.Fprintf(e.stdout, "%s: %s\n", printableName(p), printable(c.reason))
		stale++
		if c.signedOnly {
			signedOnly++
			continue
		}
		if c.compiledBy != "" {
			by[c.compiledBy] = true
		} else {
			by[""] = true
		}
	}
	pr.done()
	warnStale(e, dir, name, files)
	if stale == 0 {
		return ExitOK
	}
	if signedOnly == stale {
		e.complain("compile --check", "%d of %d files in %s are signed and otherwise what %s compiles to; give the signing flags you compile with (they are compared without their signatures; no key is read)",
			stale, len(files), dir, name)
		return ExitFindings
	}
	e.complain("compile --check", "%d of %d files in %s are not what %s compiles to with hybridc %s; %s",
		stale, len(files), dir, name, version(), checkAdvice(by, signed))
	return ExitFindings
}

// checkAdvice is what compile --check advises when files differ: by holds
// the hybridc versions that compiled the files that differ only by the
// version ("" for a file that differs otherwise). Signed scripts lose
// their signatures when compiled again: they must be signed again (and
// verified and carried again), or checked with the version that compiled
// them.
func checkAdvice(by map[string]bool, signed bool) string {
	again := "run hybridc compile again"
	if signed {
		again = "compile and sign them again (hybridc compile with the signing flags): new scripts get new signatures, to verify and carry to where they run again"
	}
	if by[""] || len(by) == 0 {
		return again
	}
	versions := make([]string, 0, len(by))
	for v := range by {
		versions = append(versions, "hybridc "+v)
	}
	sort.Strings(versions)
	them := strings.Join(versions, " or ")
	if signed {
		return fmt.Sprintf("they were compiled by %s, which this hybridc %s compiles differently: check them with %s, which compiled them, to keep their signatures, or compile and sign them again with this version (new signatures, to verify and carry again)",
			them, version(), them)
	}
	return fmt.Sprintf("they were compiled by %s, which this hybridc %s compiles differently: compile them again with this version, or check them with %s, which compiled them",
		them, version(), them)
}

// checkScript returns why the file at path is not want, or "" when it is.
// With signed, the file must be signed, and is compared without its
// signature. A script is compared byte for byte; runbook.md line by line
// (see textOnly).
//
// Only a regular file is read, never through a symbolic link, and only up
// to the size of want and a signature block: a larger file differs anyway.
func checkScript(path, name string, want []byte, signed bool) scriptCheck {
	have, err := readRegular(path, int64(len(want))+maxSignatureBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return scriptCheck{reason: "missing"}
	case errors.Is(err, errTooLarge):
		return scriptCheck{reason: fmt.Sprintf("differs from what %s compiles to (it is larger; not read)", name)}
	case err != nil:
		return scriptCheck{reason: strings.TrimPrefix(err.Error(), path+" ")}
	}
	body, isSigned := authenticode.Strip(have)
	if isSigned {
		// Only a well-formed block may follow the body: text after the end
		// line, or a line break inside the block, would run.
		if err := authenticode.CheckBlock(have); err != nil {
			return scriptCheck{reason: "its signature block is not well formed: " + err.Error()}
		}
	}
	switch {
	case signed && !isSigned:
		return scriptCheck{reason: "not signed (the signing flags say the scripts are signed)"}
	case !signed && isSigned:
		if bytes.Equal(body, want) {
			return scriptCheck{reason: "signed: give the signing flags you compile with, so that --check compares the scripts without their signatures", signedOnly: true}
		}
	case signed:
		have = body
	}
	switch {
	case bytes.Equal(have, want):
		return scriptCheck{}
	case sameText(have, want) && textOnly[filepath.Base(path)]:
		return scriptCheck{} // only its line breaks differ (see textOnly)
	case sameText(have, want):
		return scriptCheck{reason: convertedScript}
	}
	return differs(have, want, name, signed || isSigned)
}

// differs says how have, a file compiled from name, differs from want,
// what this hybridc compiles name to: compiled from another version of the
// YAML (the header's SHA-256), compiled from the same YAML by another
// hybridc version (the header's version), or changed otherwise. signed
// says the scripts are signed, for the advice.
func differs(have, want []byte, name string, signed bool) scriptCheck {
	line := firstDifferentLine(have, want)
	gotVersion, thisVersion := headerField(headerVersion(), have), headerField(headerVersion(), want)
	gotYAML, wantYAML := headerField(headerYAMLHash(), have), headerField(headerYAMLHash(), want)
	otherYAML := gotYAML != "" && wantYAML != "" && gotYAML != wantYAML
	otherVersion := gotVersion != "" && thisVersion != "" && gotVersion != thisVersion
	switch {
	case otherYAML && otherVersion:
		return scriptCheck{reason: fmt.Sprintf("stale: compiled from another version of %s, and by hybridc %s (this is hybridc %s; line %d differs)", name, gotVersion, thisVersion, line)}
	case otherYAML:
		return scriptCheck{reason: fmt.Sprintf("stale: compiled from another version of %s (line %d differs)", name, line)}
	case otherVersion:
		return scriptCheck{reason: versionSkew(have, want, name, gotVersion, thisVersion, signed), compiledBy: gotVersion}
	}
	return scriptCheck{reason: fmt.Sprintf("differs from what %s compiles to (line %d)", name, line)}
}

// versionSkew explains a file compiled from the same YAML by hybridc
// gotVersion, where this one is thisVersion: whether the version line is
// the only difference, or the scripts differ beyond it (the engine, or
// how the data is written), and what to do. A signed script compiled
// again is a new script without a signature: it is signed again, or
// checked with the version that compiled it, which keeps the signature.
func versionSkew(have, want []byte, name, gotVersion, thisVersion string, signed bool) string {
	line := firstDifferentLine(have, want)
	head := have[:min(len(have), 4096)]
	swapped := bytes.Replace(head, []byte("Generated by hybridc "+gotVersion+" from "), []byte("Generated by hybridc "+thisVersion+" from "), 1)
	swapped = append(swapped, have[len(head):]...)
	what := fmt.Sprintf(" (only the version line, line %d, differs)", line)
	if !bytes.Equal(swapped, want) {
		what = fmt.Sprintf(", which compiles %s differently (line %d, the version, and line %d differ)", name, line, firstDifferentLine(swapped, want))
	}
	advice := fmt.Sprintf("compile again with hybridc %s, or check with hybridc %s, which compiled it", thisVersion, gotVersion)
	if signed {
		advice = fmt.Sprintf("check with hybridc %s, which compiled it, to keep its signature, or compile and sign it again with hybridc %s (a new signature)", gotVersion, thisVersion)
	}
	return fmt.Sprintf("compiled by hybridc %s, this is hybridc %s%s: %s", gotVersion, thisVersion, what, advice)
}
