#!/usr/bin/env bash
# Generates the SDKs in sdk/ from schema.json with `pulumi package gen-sdk`:
# sdk/python, sdk/nodejs, sdk/go (+ sdk/go.mod, sdk/go.sum), sdk/dotnet, sdk/java.
# Everything under sdk/ comes from this script; nothing there is edited by hand.
#
# Usage: tools/sdks.sh           regenerate sdk/
#        tools/sdks.sh --check   regenerate into a temporary directory and fail,
#                                naming the files, when sdk/ differs from it
#        tools/sdks.sh --out DIR write the SDKs into DIR instead of sdk/
#
# PLUGIN_DOWNLOAD_URL=URL (make sdks PLUGIN_DOWNLOAD_URL=URL) generates them from schema.json
# with `pluginDownloadURL` set to URL, where a platform team serves the plugin tarballs; the
# SDKs then tell the engine to install the plugin from there. Not with --check.
#
# Builds the toolchain first when needed (tools/toolchain.sh). Runs Pulumi
# offline with throw-away state. The version of every SDK is the schema's
# version (the language sections set respectSchemaVersion). See docs/sdks.md.
set -euo pipefail

readonly LANGUAGES=(python nodejs go dotnet java)

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$tools_dir")
say() { printf '%s sdks: %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() {
  say "FAILED: $*" >&2
  exit 1
}

mode="write"
dest=$root/sdk
case ${1:-} in
  "") ;;
  --check) mode=check ;;
  --out)
    [[ -n ${2:-} ]] || fail "--out needs a directory"
    mkdir -p "$2"
    dest=$(cd "$2" && pwd)
    ;;
  -h | --help)
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) fail "unknown argument '$1' (usage: tools/sdks.sh [--check | --out DIR])" ;;
esac

work=$(mktemp -d)
logo_server=
cleanup() {
  [[ -n $logo_server ]] && kill "$logo_server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# quietly WHAT CMD...: runs CMD, showing its output only when it fails.
quietly() {
  local what=$1
  shift
  "$@" >"$work/step.log" 2>&1 || {
    cat "$work/step.log" >&2
    fail "$what"
  }
}

started=$SECONDS
quietly "tools/toolchain.sh" "$tools_dir/toolchain.sh"
# shellcheck source-path=SCRIPTDIR source=env.sh
source "$tools_dir/env.sh" "$work/state"
schema=$root/schema.json
out=$work/sdk
target=${dest#"$root"/}/
[[ $mode == check ]] && target="a temporary directory"
say "generating from schema.json with pulumi $(pulumi version) into $target"
if [[ -n ${PLUGIN_DOWNLOAD_URL:-} ]]; then
  [[ $mode != check ]] || fail "PLUGIN_DOWNLOAD_URL with --check: sdk/ is generated without it"
  [[ $PLUGIN_DOWNLOAD_URL =~ ^https?://[^[:space:]]+$ ]] || fail "PLUGIN_DOWNLOAD_URL must be an http(s) URL, not '$PLUGIN_DOWNLOAD_URL'"
  python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); s["pluginDownloadURL"] = sys.argv[2]; json.dump(s, open(sys.argv[3], "w"), indent=2)' \
    "$schema" "$PLUGIN_DOWNLOAD_URL" "$work/schema.json"
  schema=$work/schema.json
  say "with pluginDownloadURL $PLUGIN_DOWNLOAD_URL"
fi

# The dotnet generator downloads the schema's logoUrl (a default on the internet
# when unset) into logo.png, the NuGet package icon. Serve the project's logo on
# loopback and give the dotnet generator a copy of the schema pointing at it; the
# URL itself appears nowhere in the generated files.
python3 "$tools_dir/sdk-check/serve-logo.py" "$tools_dir/sdk-check/logo.png" "$schema" "$work/schema-dotnet.json" &
logo_server=$!
for _ in $(seq 100); do [[ -s $work/schema-dotnet.json ]] && break; sleep 0.1; done
[[ -s $work/schema-dotnet.json ]] || fail "could not start the loopback logo server"

for language in "${LANGUAGES[@]}"; do
  source=$schema
  [[ $language == dotnet ]] && source=$work/schema-dotnet.json
  quietly "gen-sdk --language $language" \
    pulumi package gen-sdk "$source" --language "$language" --out "$out"
done
kill "$logo_server" 2>/dev/null || true
wait "$logo_server" 2>/dev/null || true
logo_server=

# gen-sdk writes no go.mod for this schema (only packages with supportPack get
# one, inside sdk/go). The module is sdk/ itself, as in Pulumi's own providers:
# module path = importBasePath without its last two elements (go/<name>), so
# `import "<importBasePath>"` resolves. It requires the Pulumi Go SDK at the
# toolchain's version; `go mod tidy` adds the rest and raises the go directive
# to what that SDK needs.
import_base=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["language"]["go"]["importBasePath"])' "$schema")
module=${import_base%/go/*}
[[ $module != "$import_base" ]] || fail "importBasePath $import_base does not end in /go/<name>"
printf 'module %s\n\ngo 1.21\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$module" "$(pulumi version)" >"$out/go.mod"
(cd "$out" && GOTOOLCHAIN=local quietly "go mod tidy in sdk/" go mod tidy)

cat >"$out/README.md" <<'EOF'
# sdk/ — generated, do not edit

Every file here is written by `tools/sdks.sh` (`make sdks`) from `../schema.json`; `make test`
fails when they are stale. How to install and use each SDK, and how to publish them:
[docs/sdks.md](../docs/sdks.md).
EOF
cat >"$out/.gitignore" <<'EOF'
# Build output of the SDKs when built in place (tools/sdk-check.sh builds in copies).
node_modules/
package-lock.json
bin/
obj/
build/
dist/
target/
.gradle/
*.egg-info/
__pycache__/
.mypy_cache/
*.tsbuildinfo
EOF

# files_in DIR: the files of DIR that git would keep (tracked, or untracked and
# not ignored), one relative path a line, sorted. Build output in sdk/ is
# ignored and so never counts as a difference.
files_in() {
  if git -C "$1" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$1" && git ls-files --cached --others --exclude-standard -- . | sort -u)
  else
    (cd "$1" && find . -type f | sed 's|^\./||' | sort)
  fi
}

if [[ $mode == check ]]; then
  [[ -d $root/sdk ]] || fail "sdk/ does not exist: run tools/sdks.sh (make sdks)"
  (cd "$out" && find . -type f | sed 's|^\./||' | sort) >"$work/want"
  files_in "$root/sdk" >"$work/have"
  stale=()
  while read -r file; do
    if [[ ! -f $root/sdk/$file ]]; then
      stale+=("sdk/$file (missing)")
    elif ! cmp -s "$out/$file" "$root/sdk/$file"; then
      stale+=("sdk/$file (differs)")
    fi
  done <"$work/want"
  while read -r file; do stale+=("sdk/$file (not generated)"); done < <(comm -13 "$work/want" "$work/have")
  if ((${#stale[@]})); then
    say "FAILED: sdk/ is stale: ${#stale[@]} file(s) differ from what schema.json generates; run tools/sdks.sh (make sdks) and commit sdk/:" >&2
    printf '  %s\n' "${stale[@]}" >&2
    exit 1
  fi
  say "sdk/ is up to date: $(wc -l <"$work/want") files match schema.json ($((SECONDS - started))s)"
  exit 0
fi

mkdir -p "$dest"
for entry in "${LANGUAGES[@]}" go.mod go.sum README.md .gitignore; do
  rm -rf "${dest:?}/$entry"
  cp -R "$out/$entry" "$dest/$entry"
done
chmod -R u+rwX,go+rX "$dest"
for language in "${LANGUAGES[@]}"; do
  say "$language: $(find "$dest/$language" -type f | wc -l) files in $target$language"
done
say "wrote $target ($((SECONDS - started))s)"
