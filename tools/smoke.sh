#!/usr/bin/env bash
# Proves the toolchain works offline: runs a YAML program with the local file
# backend (pulumi up, one stack output) and generates an SDK from a tiny
# component schema with every language host. Leaves nothing behind.
#
# Usage: tools/smoke.sh   (after tools/toolchain.sh)
set -euo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { printf '%s smoke: %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() {
  say "FAILED: $*" >&2
  exit 1
}
# quietly WHAT CMD...: runs CMD, showing its output only when it fails.
quietly() {
  local what=$1
  shift
  "$@" >"$work/step.log" 2>&1 || {
    cat "$work/step.log" >&2
    fail "$what"
  }
}

# shellcheck source=env.sh
source "$tools_dir/env.sh" "$work/state"
[[ -x $HUBSPOKE_TOOLCHAIN_BIN/pulumi ]] || fail "no toolchain; run tools/toolchain.sh"
say "pulumi $(pulumi version) from $(command -v pulumi)"

say "yaml: pulumi up with a local backend"
cp "$tools_dir/smoke/Pulumi.yaml" "$work/"
cd "$work"
quietly "pulumi login" pulumi login "$PULUMI_BACKEND_URL"
quietly "pulumi stack init" pulumi stack init test
quietly "pulumi up" pulumi up --yes --skip-preview
greeting=$(pulumi stack output greeting)
[[ $greeting == "hello test" ]] || fail "stack output greeting is '$greeting', want 'hello test'"
say "yaml: stack output greeting = '$greeting'"
passed=1

# The dotnet generator downloads the package's logoUrl (a default on the
# internet when unset) and fails offline. Serve a stand-in logo on loopback and
# point a copy of the schema at it.
mkdir -p "$work/logo"
printf 'stand-in logo\n' >"$work/logo/logo.png"
python3 -c '
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
open(sys.argv[2], "w").write(str(server.server_port))
server.serve_forever()
' "$work/logo" "$work/logo.port" &
logo_server=$!
trap 'kill "$logo_server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [[ -s $work/logo.port ]] && break; sleep 0.1; done
[[ -s $work/logo.port ]] || fail "could not start the loopback logo server"
python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
spec["logoUrl"] = "http://127.0.0.1:%s/logo.png" % open(sys.argv[2]).read()
json.dump(spec, open(sys.argv[3], "w"), indent=2)
' "$tools_dir/smoke/schema.json" "$work/logo.port" "$work/schema.json"

# A file each language's SDK must contain for the Greeter component.
declare -A expected=(
  [python]=python/smoke_sdk/greeter.py
  [nodejs]=nodejs/greeter.ts
  [go]=go/smoke/greeter.go
  [dotnet]=dotnet/Greeter.cs
  [java]=java/src/main/java/dev/smoke/smoke/Greeter.java
)
for language in python nodejs go dotnet java; do
  out=$work/sdk
  quietly "gen-sdk --language $language" \
    pulumi package gen-sdk "$work/schema.json" --language "$language" --out "$out"
  file=$out/${expected[$language]}
  [[ -f $file ]] || {
    (cd "$out/$language" && find . -type f | sort) >&2
    fail "gen-sdk --language $language wrote no ${expected[$language]}"
  }
  grep -q Greeter "$file" || fail "$file does not mention Greeter"
  passed=$((passed + 1))
  say "$language: gen-sdk wrote $(find "$out/$language" -type f | wc -l) files, incl. ${expected[$language]}"
done

say "$passed passed, 0 failed"
