package cli

import (
	"runtime/debug"
	"strings"
)

// releaseTag matches a release tag: vMAJOR.MINOR.PATCH with an optional
// pre-release, as cmd/hybridc-release accepts. Go pseudo-versions match it too:
// see pseudoVersion.
var releaseTag = lazyRegexp(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// pseudoVersion matches a Go module pseudo-version (a commit, not a
// release), with any build metadata such as +dirty; the commit is the
// 12 hex digits before it.
var pseudoVersion = lazyRegexp(`^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-([0-9a-f]{12})(\+[0-9A-Za-z.-]+)?$`)

// commitHash matches a git commit hash, whole or abbreviated to at least
// 12 hex digits (what go install and the CI install step accept).
var commitHash = lazyRegexp(`^[0-9a-f]{12,40}$`)

// installVersion is the HYBRIDC_VERSION of the CI workflow init writes:
// the release tag of a release, otherwise the commit this hybridc was built
// from (which the workflow builds from source): Go's VCS stamp, or the
// Commit of a snapshot of the release builder (vX.Y.Z-snapshot+<commit>,
// no release tag). "" when the binary records neither (the workflow then
// stops, asking for one).
func installVersion(v string, bi *debug.BuildInfo) string {
	if m := pseudoVersion().FindStringSubmatch(v); m != nil {
		return m[3]
	}
	if releaseTag().MatchString(v) {
		return v
	}
	if bi != nil {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && commitHash().MatchString(s.Value) {
				return s.Value
			}
		}
	}
	if commitHash().MatchString(Commit) {
		return Commit
	}
	return ""
}

// releasesURL is where the release files are: <releasesURL>/<tag>/<file>.
const releasesURL = "https://github.com/hybridc/hybridc/releases/download"

// releasesPage lists hybridc's releases, by tag.
const releasesPage = "https://github.com/hybridc/hybridc/releases"

// installScript is the "Install hybridc" step of the CI workflows (the one
// init writes, and examples/ci/hybridc.yml), in bash as GitHub Actions runs
// it (-e -o pipefail). For a release tag in HYBRIDC_VERSION it downloads
// the Linux release binary and checks it against the release's SHA256SUMS
// (and against HYBRIDC_SHA256 when set); for a commit it builds that commit
// from source, without cgo. hybridc is put on PATH only once it passed. A
// release file that cannot be downloaded (no such release) stops it with
// an ::error:: annotation naming the version, the URL and the fix.
const installScript = `set -eu
dir="$RUNNER_TEMP/hybridc-bin"
mkdir -p "$dir"
if [[ "${HYBRIDC_VERSION:-}" =~ ^[0-9a-f]{12,40}$ ]]; then
  # A commit: build it, pure Go (a static binary). A pinned HYBRIDC_SHA256
  # is a release binary's: a commit cannot be held to it, so a pin and a
  # commit together stop (a pull request changing the version to a commit
  # would otherwise drop the pin unseen).
  if [ -n "${HYBRIDC_SHA256:-}" ]; then
    echo "::error::HYBRIDC_VERSION is a commit, but HYBRIDC_SHA256 pins a release binary: a commit built from source cannot be checked against it. Use a release tag, or remove HYBRIDC_SHA256 knowingly."
    exit 1
  fi
  CGO_ENABLED=0 GOBIN="$dir" go install "github.com/hybridc/hybridc/cmd/hybridc@$HYBRIDC_VERSION"
elif [[ "${HYBRIDC_VERSION:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "::error::no hybridc release binary for $(uname -m)"; exit 1 ;;
  esac
  bin="hybridc_${HYBRIDC_VERSION}_linux_$arch"
  base="${HYBRIDC_RELEASES:-` + releasesURL + `}/$HYBRIDC_VERSION"
  for f in "$bin" SHA256SUMS; do
    if ! curl -fsSL -o "$dir/$f" "$base/$f"; then
      # A workflow command's message: %, CR and LF escaped.
      msg="hybridc $HYBRIDC_VERSION: could not download $base/$f. Check that $HYBRIDC_VERSION is a published hybridc release (the tags on ` + releasesPage + `, or your mirror in HYBRIDC_RELEASES), or set HYBRIDC_VERSION to a commit hash (12 to 40 hex digits) to build hybridc from source."
      msg="${msg//%/%25}"; msg="${msg//$'\r'/%0D}"; msg="${msg//$'\n'/%0A}"
      echo "::error::$msg"
      exit 1
    fi
  done
  # The binary's line of the release's SHA256SUMS; none fails the check.
  (cd "$dir" && awk -v f="$bin" '$2 == f' SHA256SUMS | sha256sum -c --strict -)
  if [ -n "${HYBRIDC_SHA256:-}" ]; then
    (cd "$dir" && echo "$HYBRIDC_SHA256  $bin" | sha256sum -c --strict -)
  fi
  chmod +x "$dir/$bin"
  mv "$dir/$bin" "$dir/hybridc"
else
  echo "::error::set HYBRIDC_VERSION to a hybridc release tag (v1.2.3) or a commit hash (12 to 40 hex digits)"
  exit 1
fi
echo "$dir" >> "$GITHUB_PATH"
"$dir/hybridc" version
`

// indentLines indents every non-empty line of s by prefix.
func indentLines(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}
