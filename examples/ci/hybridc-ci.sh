#!/bin/sh
# hybridc in any CI system: the steps of examples/ci/hybridc.yml as one POSIX
# shell script. Run it from the repository's root with one stage:
#
#   hybridc-ci.sh validate   check the configuration; also writes SARIF
#   hybridc-ci.sh check      check that committed scripts are current
#   hybridc-ci.sh plan       what the change does, compared with a base revision
#   hybridc-ci.sh release    compile, sign and verify the scripts
#
# Settings, from the environment (defaults in brackets):
#   HYBRIDC                   the hybridc binary [hybridc]
#   HYBRIDC_CONFIG            the YAML file, or a directory of YAML files [hybrid.yaml]
#   HYBRIDC_OUT               the scripts' directory [scripts]
#   HYBRIDC_SARIF             validate: where to write SARIF [hybridc.sarif]
#   HYBRIDC_ALLOW_WARNINGS    validate: warning codes that do not fail, e.g. HC0330
#                             while on Exchange 2016/2019 (--allow-warning) []
#   HYBRIDC_SIGNED            check: 1 if the committed scripts are signed [0]
#   HYBRIDC_BASE              plan: the git revision to compare with, e.g. origin/main
#                             (fetch it first; shallow clones may lack it)
#   HYBRIDC_PLAN_FORMAT       plan: text, markdown or json [text]
#   HYBRIDC_PLAN_FILE         plan: also write the plan to this file []
#   HYBRIDC_SIGN_PFX          release: the PFX file, or
#   HYBRIDC_SIGN_PFX_BASE64   release: the PFX, base64-encoded (from a secret)
#   HYBRIDC_SIGN_PASSWORD     release: the PFX password (from a secret); hybridc
#                             reads it from the environment, never from arguments
#   HYBRIDC_CA                release: CA certificates to verify the chain with
#   HYBRIDC_NO_CHAIN          release: 1 to verify without HYBRIDC_CA (integrity
#                             only: who signed is not checked) [0]
#
# Exit status: 0 success, 1 findings or a failed check, 2 a usage or input
# error (for plan: an invalid version or a git failure too). The plan stage
# succeeds whether or not there are changes, and says which on standard
# error.

set -eu

: "${HYBRIDC:=hybridc}"
: "${HYBRIDC_CONFIG:=hybrid.yaml}"
: "${HYBRIDC_OUT:=scripts}"
: "${HYBRIDC_SARIF:=hybridc.sarif}"
: "${HYBRIDC_PLAN_FORMAT:=text}"
: "${HYBRIDC_PLAN_FILE:=}"

die() {
  echo "hybridc-ci: $*" >&2
  exit 2
}

stage_validate() {
  # SARIF first (for a code scanning upload), then the findings as text for
  # the log; warnings fail too.
  # Known warnings (HYBRIDC_ALLOW_WARNINGS) are reported but do not fail.
  set -- --strict
  if [ -n "${HYBRIDC_ALLOW_WARNINGS:-}" ]; then
    set -- "$@" --allow-warning "$HYBRIDC_ALLOW_WARNINGS"
  fi
  status=0
  "$HYBRIDC" validate "$@" --format sarif "$HYBRIDC_CONFIG" > "$HYBRIDC_SARIF" || status=$?
  if [ "$status" -ne 0 ]; then
    "$HYBRIDC" validate "$@" "$HYBRIDC_CONFIG" || true
  fi
  return "$status"
}

stage_check() {
  if [ "${HYBRIDC_SIGNED:-0}" = 1 ]; then
    # A signing flag makes --check compare the scripts without their
    # signatures; --check reads no key, so the file need not exist.
    set -- --sign-pfx "${HYBRIDC_SIGN_PFX:-codesign.pfx}"
  else
    set --
  fi
  "$HYBRIDC" compile --check "$HYBRIDC_CONFIG" -o "$HYBRIDC_OUT" "$@"
}

stage_plan() {
  [ -n "${HYBRIDC_BASE:-}" ] || die "plan: set HYBRIDC_BASE to the revision to compare with (e.g. origin/main)"
  plan=$(mktemp)
  status=0
  "$HYBRIDC" plan --base "$HYBRIDC_BASE" --format "$HYBRIDC_PLAN_FORMAT" "$HYBRIDC_CONFIG" > "$plan" || status=$?
  cat "$plan"
  if [ -n "$HYBRIDC_PLAN_FILE" ]; then
    cp "$plan" "$HYBRIDC_PLAN_FILE"
  fi
  rm -f "$plan"
  # hybridc plan: 0 no changes, 1 changes planned, 2 an error.
  case $status in
    0) echo "hybridc-ci: no changes" >&2 ;;
    1) echo "hybridc-ci: the change above is to be reviewed" >&2 ;;
    *) return "$status" ;;
  esac
}

stage_release() {
  # verify needs the CA (or an explicit integrity-only check): decided
  # before the key is touched.
  if [ -n "${HYBRIDC_CA:-}" ]; then
    set -- --ca "$HYBRIDC_CA"
  elif [ "${HYBRIDC_NO_CHAIN:-0}" = 1 ]; then
    set -- --no-chain
    echo "hybridc-ci: HYBRIDC_NO_CHAIN=1: only the signatures' integrity is checked, not who signed" >&2
  else
    die "release: set HYBRIDC_CA to the CA certificates the signer's certificate chains to (or HYBRIDC_NO_CHAIN=1 to check only that the signatures are intact)"
  fi
  pfx=${HYBRIDC_SIGN_PFX:-}
  if [ -z "$pfx" ]; then
    [ -n "${HYBRIDC_SIGN_PFX_BASE64:-}" ] || die "release: set HYBRIDC_SIGN_PFX or HYBRIDC_SIGN_PFX_BASE64"
    # The key exists on disk only while this stage runs, readable only by us.
    old_umask=$(umask)
    umask 077
    pfx=$(mktemp)
    umask "$old_umask"
    trap 'rm -f "$pfx"' EXIT INT TERM
    printf '%s' "$HYBRIDC_SIGN_PFX_BASE64" | base64 -d > "$pfx" || die "release: HYBRIDC_SIGN_PFX_BASE64 is not base64"
  fi
  "$HYBRIDC" compile "$HYBRIDC_CONFIG" -o "$HYBRIDC_OUT" --sign-pfx "$pfx"
  "$HYBRIDC" verify "$@" --config "$HYBRIDC_CONFIG" "$HYBRIDC_OUT"/*.ps1
}

[ $# -eq 1 ] || die "usage: $0 validate|check|plan|release"
case $1 in
  validate) stage_validate ;;
  check) stage_check ;;
  plan) stage_plan ;;
  release) stage_release ;;
  *) die "unknown stage $1: use validate, check, plan or release" ;;
esac
