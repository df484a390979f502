package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/schema"
)

const initHelp = `
Starts a configuration repository in DIR (default: the current directory),
offline, from the flags:

  hybrid.yaml                    a commented configuration: the on-premises
                                 organization (with --organization) and the tenant,
                                 with the relationships of a free/busy hybrid
  hybrid.schema.json             the JSON Schema, which hybrid.yaml's first line
                                 points editors at (refresh it after upgrading
                                 hybridc: hybridc schema -o hybrid.schema.json)
  .gitattributes                 keeps compiled .ps1 scripts byte-exact in git, and
                                 the YAML and schema LF in every checkout
  .pre-commit-config.yaml        the validate hook, running the hybridc on PATH
                                 (no network)
  .github/workflows/hybridc.yml  CI: validate, and check that the schema is current

The YAML is validated before anything is written. init never overwrites: if
any of these files exists, it writes nothing.

Examples:
  hybridc init --tenant contoso.onmicrosoft.com --domain contoso.com --organization Contoso
  hybridc init exchange-config --tenant contoso.onmicrosoft.com --domain contoso.com --domain contoso.de
  hybridc init --tenant contoso.onmicrosoft.com --domain contoso.com      # a tenant without hybrid

Exit codes: 0 written, 2 usage error, a file exists, or the flags give an
invalid configuration.
`

// dnsName matches a DNS name, as the flags that become domains must be
// before they are written into YAML.
var dnsName = lazyRegexp(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`)

func runInit(e *env, args []string) int {
	fs := newFlags(e, "init", "[DIR] --tenant NAME.onmicrosoft.com --domain DOMAIN [--organization NAME]", initHelp)
	d := initData{Version: version()}
	fs.StringVar(&d.Tenant, "tenant", "", "the Exchange Online `tenant` (NAME.onmicrosoft.com)")
	fs.Func("domain", "a primary SMTP `domain` (repeat for several; the first names the hybrid namespaces)", func(s string) error {
		d.Domains = append(d.Domains, s)
		return nil
	})
	fs.StringVar(&d.Organization, "organization", "", "the on-premises Exchange organization's `name` ((Get-OrganizationConfig).Name); without it, a tenant without hybrid")
	fs.StringVar(&d.ExchangeVersion, "exchange-version", "SE", "the on-premises Exchange `version`: SE (current), 2019, 2016 or 2013 (out of support)")
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 1 || d.Tenant == "" || len(d.Domains) == 0 {
		fmt.Fprintln(e.stderr, "hybridc init: need --tenant and at least one --domain, and at most one DIR")
		fs.Usage()
		return ExitUsage
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	if err := checkInitFlags(d); err != nil {
		e.complain("init", "%s; nothing was written", err)
		return ExitUsage
	}
	bi, _ := debug.ReadBuildInfo()
	d.InstallVersion = installVersion(d.Version, bi)
	files, err := initFiles(d)
	if err != nil {
		e.complain("init", "%s", err)
		return ExitUsage
	}
	yamlPath := filepath.Join(dir, initYAML)
	diags := compiler.Analyze(compiler.Source{Name: yamlPath, Data: files[initYAML]}).Diagnostics
	if diags.HasErrors() {
		e.diagnostics(diags)
		fmt.Fprintf(e.stderr, "hybridc init: the flags give an invalid %s; nothing was written\n", printable(yamlPath))
		return ExitUsage
	}
	// The workflow's validate --strict allows the warnings the YAML gives
	// (Exchange 2016 or 2019: HC0330), saying why: CI is green at first.
	if d.AllowWarnings = initWarnings(diags, d.ExchangeVersion); len(d.AllowWarnings) > 0 {
		if files, err = initFiles(d); err != nil {
			e.complain("init", "%s", err)
			return ExitUsage
		}
	}
	written, err := createFiles(dir, files)
	if err != nil {
		e.complain("init", "%s", err)
		return ExitUsage
	}
	for _, p := range written {
		fmt.Fprintln(e.stdout, printableName(p))
	}
	if d.InstallVersion == "" {
		fmt.Fprintf(e.stderr, "hybridc init: this hybridc (%s) is not a release and records no commit: set HYBRIDC_VERSION in %s to the release tag or commit hash your CI should use\n",
			printable(d.Version), printable(filepath.Join(dir, ".github", "workflows", "hybridc.yml")))
	}
	fmt.Fprintf(e.stderr, "hybridc init: next: review %s, then hybridc validate %s\n", printable(yamlPath), printable(yamlPath))
	return ExitOK
}

// initWarnings are the warnings of diags, each code once, in order of
// code, for the CI workflow's --allow-warning.
func initWarnings(diags compiler.Diagnostics, exchangeVersion string) []initWarning {
	seen := map[string]bool{}
	var ws []initWarning
	for _, d := range diags {
		if d.Severity != compiler.Warning || seen[d.Code] {
			continue
		}
		seen[d.Code] = true
		r, _ := ruleOf(d.Code)
		ws = append(ws, initWarning{Code: d.Code, Name: r.Name, ExchangeVersion: exchangeVersion})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].Code < ws[j].Code })
	return ws
}

// checkInitFlags refuses flag values that are not what they stand for
// before they are written into YAML (the schema then checks the rest).
func checkInitFlags(d initData) error {
	if !dnsName().MatchString(d.Tenant) || !strings.HasSuffix(strings.ToLower(d.Tenant), ".onmicrosoft.com") {
		return fmt.Errorf("--tenant %q is not a tenant name such as contoso.onmicrosoft.com", d.Tenant)
	}
	for _, dom := range d.Domains {
		if !dnsName().MatchString(dom) {
			return fmt.Errorf("--domain %q is not a domain name such as contoso.com", dom)
		}
	}
	if !regexp.MustCompile(`^[A-Za-z0-9]{1,8}$`).MatchString(d.ExchangeVersion) {
		return fmt.Errorf("--exchange-version %q is not 2013, 2016, 2019 or SE", d.ExchangeVersion)
	}
	if strings.ContainsFunc(d.Organization, func(r rune) bool { return r < 0x20 || r == 0x7F }) {
		return errors.New("--organization holds control characters")
	}
	return nil
}

// initFiles renders every file init writes, by path relative to DIR.
func initFiles(d initData) (map[string][]byte, error) {
	files := map[string][]byte{initSchema: schema.JSON}
	for name := range initTemplates {
		data, err := renderInit(name, d)
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	return files, nil
}

// createFiles creates every file under dir, or none: it refuses when any
// exists already, and removes what it created when one cannot be written.
// It returns the paths written, sorted.
func createFiles(dir string, files map[string][]byte) (written []string, err error) {
	// Never through a link: the folders init creates (.github/workflows)
	// would otherwise be made wherever a link points.
	for _, sub := range []string{".", filepath.Join(".github", "workflows")} {
		if _, err := plainFolder(filepath.Join(dir, sub)); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var exist []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			exist = append(exist, filepath.Join(dir, n))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	switch len(exist) {
	case 0:
	case 1:
		return nil, fmt.Errorf("%s already exists: init never overwrites; nothing was written", exist[0])
	default:
		return nil, fmt.Errorf("%s already exist: init never overwrites; nothing was written", strings.Join(exist, ", "))
	}
	defer func() {
		if err != nil {
			for _, p := range written {
				os.Remove(p)
			}
			written = nil
		}
	}()
	for _, n := range names {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return written, fmt.Errorf("%w; nothing was written", err)
		}
		written = append(written, p)
		_, werr := f.Write(files[n])
		if err := errors.Join(werr, f.Close()); err != nil {
			return written, fmt.Errorf("writing %s: %w; nothing was written", p, err)
		}
	}
	return written, nil
}

// lazyRegexp compiles expr on its first use, not when every command starts.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
