# shellcheck shell=bash
# Shared by tests/e2e/prepare/<lang>.sh (sourced, not run): the repository root, the cache
# outside it, one progress line per step on stderr, and a clear failure.
#
# A prepare script is called as `<lang>.sh WORK_DIR`, WORK_DIR being a fresh copy of
# examples/<lang>; it installs the program's dependencies there, the hubspoke SDK from the
# repository's sdk/<lang> (never a registry release), so that `pulumi preview` works in it.
# HUBSPOKE_SDK_DIR names another generated sdk/ (tools/sdks.sh --out DIR) to install from.
set -euo pipefail

prepare_lang=$(basename "$0" .sh)
# shellcheck disable=SC2034 # used by the scripts that source this file
root=$(cd "$(dirname "$0")/../../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/e2e/$prepare_lang
sdk=${HUBSPOKE_SDK_DIR:-$root/sdk}
started=$SECONDS

say() { printf '%s prepare %s: %s\n' "$(date +%H:%M:%S)" "$prepare_lang" "$*" >&2; }
die() {
  say "FAILED: $*"
  exit 1
}

[[ $# -eq 1 && -d $1 ]] || die "usage: $0 WORK_DIR (a copy of examples/$prepare_lang)"
work=$(cd "$1" && pwd)
mkdir -p "$cache/logs"
log=$cache/logs/last.log
: >"$log"

# step WHAT CMD...: says WHAT, runs CMD with its output in the log, and on failure shows the
# end of that output and stops.
step() {
  local what=$1 begin
  shift
  say "$what"
  printf '\n== %s\n' "$what" >>"$log"
  begin=$(($(wc -l <"$log") + 1))
  "$@" >>"$log" 2>&1 || {
    tail -n "+$begin" "$log" | tail -n 30 | sed 's/^/    /' >&2
    die "$what (full log: $log)"
  }
}

# tree_hash DIR: a hash of every file's path and content below DIR, to key caches on.
tree_hash() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

# The caches are filled in place: one prepare per language at a time.
exec 9>"$cache/.lock"
flock 9

done_line() { say "ready in $((SECONDS - started))s: $work"; }
