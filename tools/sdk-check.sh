#!/usr/bin/env bash
# Proves that each generated SDK in sdk/ builds and is usable:
#
#   python  builds a wheel, installs it with pulumi into a fresh venv, imports every class,
#           type-checks a program (mypy --strict) and runs it under Pulumi mocks
#   nodejs  compiles the SDK (tsc), packs and installs it with @pulumi/pulumi, type-checks a
#           program and runs it under Pulumi mocks
#   go      go build + go vet of the SDK module (sdk/go.mod), and a program using it through a
#           replace, run under Pulumi mocks
#   java    compiles the SDK with Maven against com.pulumi:pulumi, and a program against the
#           SDK, run under Pulumi mocks
#   dotnet  no .NET SDK and no NuGet here: checks that every component, args, input and enum
#           class is generated and that the project file names the package and version
#
# The programs build the seed network twice (HubAndSpoke, and the building blocks); every mocked
# run must register the same resources with the schema's type tokens, property names and values
# (tools/sdk-check/registrations.py). Nothing contacts an engine or a cloud.
#
# Usage: tools/sdk-check.sh [LANGUAGE...]   (default: python nodejs go java dotnet)
#
# Tools and dependencies are cached under ${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/sdk-check
# (HUBSPOKE_SDK_CHECK_CACHE overrides); the first run fetches them from the package
# registries, later runs reuse them; runs sharing a cache wait for each other. The last line
# is `sdk-check: N passed, M failed`; the exit status is 1 when a language failed.
set -euo pipefail

# ---- pins -------------------------------------------------------------------
readonly PY_PULUMI=3.272.0
readonly PY_TOOLS=(build==1.6.1 setuptools==84.2.1 mypy==2.4.1)
readonly NODE_PULUMI=3.276.0
# The SDK's package.json asks for typescript ^4.7.0 and @types/node ^20.
readonly NODE_TYPESCRIPT=4.9.5
readonly NODE_TYPES_NODE=20.9.5
readonly MAVEN_DEPENDENCY_PLUGIN=3.8.1

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$tools_dir")
here=$tools_dir/sdk-check
sdk=$root/sdk
schema=$root/schema.json
cache=${HUBSPOKE_SDK_CHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/sdk-check}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/logs"
# The cached venvs and node_modules are reused in place: one run at a time per cache.
exec 9>"$cache/.lock"
flock 9

say() { printf '%s sdk-check: %s\n' "$(date +%H:%M:%S)" "$*"; }

# The language being checked and its log (set by the main loop).
language=
log=
# step WHAT CMD...: prints WHAT, runs CMD with its output in the language's log, and on
# failure shows the end of CMD's output and fails.
step() {
  local what=$1 start
  shift
  say "$language: $what"
  printf '\n== %s\n' "$what" >>"$log"
  start=$(($(wc -l <"$log") + 1))
  "$@" >>"$log" 2>&1 || {
    tail -n "+$start" "$log" | tail -n 40 | sed 's/^/    /'
    say "$language: FAILED: $what (full log: $log)"
    return 1
  }
}
# mismatch WHAT: fails the language because WHAT does not hold.
mismatch() {
  say "$language: FAILED: $*"
  return 1
}
# note TEXT: a result line for the language.
note() { say "$language: $*"; }
# registrations FILE: checks what a mocked program run registered.
registrations() {
  step "mocked run registered the seed network" python3 "$here/registrations.py" "$schema" "$1"
  note "$(tail -n 1 "$log")"
}
# stamp_ok DIR TEXT: whether DIR was set up from the recipe TEXT (and is complete).
stamp_ok() { [[ -f $1/.stamp && $(cat "$1/.stamp") == "$2" ]]; }

export HUBSPOKE_MOCK_OUTPUTS=$here/mock-outputs.json
schema_version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$schema")

# ---- python -----------------------------------------------------------------
check_python() {
  local tools=$cache/python/tools venv=$cache/python/venv wheelhouse=$cache/python/wheelhouse
  local recipe="${PY_TOOLS[*]}"
  if ! stamp_ok "$tools" "$recipe"; then
    rm -rf "$tools"
    step "tools venv (${PY_TOOLS[*]})" python3 -m venv "$tools"
    step "install ${PY_TOOLS[*]}" "$tools/bin/pip" install -q --disable-pip-version-check "${PY_TOOLS[@]}"
    echo "$recipe" >"$tools/.stamp"
  fi

  # pyproject.toml names README.md beside it; the generator writes it into the package
  # directory. Copy it up, as a release build does.
  cp -R "$sdk/python" "$work/python-src"
  cp "$work/python-src/pulumi_hubspoke/README.md" "$work/python-src/README.md"
  step "build the wheel from sdk/python" \
    "$tools/bin/python" -m build --wheel --no-isolation --outdir "$work/dist" "$work/python-src"
  local wheel
  wheel=$(ls "$work"/dist/*.whl)
  [[ $(basename "$wheel") == "pulumi_hubspoke-$schema_version-py3-none-any.whl" ]] ||
    mismatch "the wheel is $(basename "$wheel"), not pulumi_hubspoke $schema_version"
  note "built $(basename "$wheel")"

  # A fresh venv on every run, always at the same path so that mypy's cache stays valid.
  rm -rf "$venv"
  step "fresh venv" python3 -m venv --without-pip "$venv"
  local pip=("$tools/bin/pip" --python "$venv/bin/python" --disable-pip-version-check)
  local install=("${pip[@]}" install -q --no-index --find-links "$wheelhouse" "$wheel" "pulumi==$PY_PULUMI")
  say "$language: install the wheel with pulumi $PY_PULUMI (offline, from the cached wheelhouse)"
  if ! "${install[@]}" >>"$log" 2>&1; then
    step "wheelhouse incomplete: download pulumi $PY_PULUMI and the wheel's requirements" \
      "${pip[@]}" download -q -d "$wheelhouse" "$wheel" "pulumi==$PY_PULUMI"
    rm -f "$wheelhouse"/pulumi_hubspoke-*
    step "install the wheel with pulumi $PY_PULUMI" "${install[@]}"
  fi
  step "import every component, args, input and enum class" \
    "$venv/bin/python" "$here/python/imports.py" "$schema"
  note "$(tail -n 1 "$log")"
  step "mypy --strict of the seed program" \
    env -C "$here/python" "$tools/bin/mypy" --strict --python-executable "$venv/bin/python" \
    --cache-dir "$cache/python/mypy-cache" program.py run_mocks.py
  : >"$work/python.registrations"
  step "run the program under Pulumi mocks" \
    env -C "$here/python" HUBSPOKE_REGISTRATIONS="$work/python.registrations" PYTHONDONTWRITEBYTECODE=1 \
    "$venv/bin/python" run_mocks.py
  registrations "$work/python.registrations"
}

# ---- nodejs -----------------------------------------------------------------
check_nodejs() {
  local app=$cache/nodejs/app
  local packages=("@pulumi/pulumi@$NODE_PULUMI" "typescript@$NODE_TYPESCRIPT" "@types/node@$NODE_TYPES_NODE")
  local recipe="${packages[*]}"
  if ! stamp_ok "$app" "$recipe"; then
    rm -rf "$app"
    mkdir -p "$app"
    printf '{"name": "sdk-check", "private": true}\n' >"$app/package.json"
    step "install $recipe" env -C "$app" npm install --no-audit --no-fund --save-exact "${packages[@]}"
    echo "$recipe" >"$app/.stamp"
  fi
  local tsc=$app/node_modules/.bin/tsc

  # Compile the SDK as its release build does: tsc into bin/, package.json and README beside it.
  cp -R "$sdk/nodejs" "$work/nodejs-sdk"
  ln -s "$app/node_modules" "$work/nodejs-sdk/node_modules"
  step "tsc of sdk/nodejs (typescript $NODE_TYPESCRIPT)" "$tsc" -p "$work/nodejs-sdk"
  cp "$work/nodejs-sdk/package.json" "$work/nodejs-sdk/README.md" "$work/nodejs-sdk/bin/"
  step "npm pack" env -C "$work/nodejs-sdk/bin" npm pack --pack-destination "$work"
  local tarball=$work/hubspoke-pulumi-hubspoke-$schema_version.tgz
  [[ -f $tarball ]] || mismatch "npm pack wrote no $(basename "$tarball")"
  note "packed $(basename "$tarball")"
  step "npm install of the package (offline, beside @pulumi/pulumi $NODE_PULUMI)" \
    env -C "$app" npm install --offline --no-save --no-audit --no-fund "$tarball"

  rm -rf "$app/out"
  cp "$here/nodejs/program.ts" "$here/nodejs/run-mocks.ts" "$here/nodejs/tsconfig.json" "$app/"
  step "tsc --strict of the seed program" "$tsc" -p "$app"
  : >"$work/nodejs.registrations"
  step "run the program under Pulumi mocks" \
    env -C "$app" HUBSPOKE_REGISTRATIONS="$work/nodejs.registrations" node out/run-mocks.js
  registrations "$work/nodejs.registrations"
}

# ---- go ---------------------------------------------------------------------
check_go() {
  local module pulumi_sdk
  module=$(go mod edit -json "$sdk/go.mod" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Module"]["Path"])')
  pulumi_sdk=$(go mod edit -json "$sdk/go.mod" | python3 -c '
import json, sys
print(next(r["Version"] for r in json.load(sys.stdin)["Require"] if r["Path"] == "github.com/pulumi/pulumi/sdk/v3"))')
  export GOFLAGS="-mod=readonly -buildvcs=false" GOTOOLCHAIN=local
  step "go build ./... in sdk/ (module $module)" env -C "$sdk" go build ./...
  step "go vet ./... in sdk/" env -C "$sdk" go vet ./...
  grep -q "semver.MustParse(\"$schema_version\")" "$sdk/go/hubspoke/internal/pulumiUtilities.go" ||
    mismatch "the Go SDK does not register its resources with version $schema_version"

  # The program's module uses the SDK through a replace, with the SDK's go.sum as a start.
  local program=$work/go-program
  mkdir -p "$program"
  cp "$here/go/main.go" "$sdk/go.sum" "$program/"
  cat >"$program/go.mod" <<GOMOD
module sdkcheck

go $(go mod edit -json "$sdk/go.mod" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Go"])')

require (
	$module v$schema_version
	github.com/pulumi/pulumi/sdk/v3 $pulumi_sdk
)

replace $module => $sdk
GOMOD
  step "go mod tidy of the program" env -C "$program" GOFLAGS=-mod=mod go mod tidy
  step "go build + go vet of the program" env -C "$program" sh -c 'go build -o seed . && go vet .'
  : >"$work/go.registrations"
  step "run the program under Pulumi mocks" \
    env -C "$program" HUBSPOKE_REGISTRATIONS="$work/go.registrations" ./seed
  registrations "$work/go.registrations"
}

# ---- java -------------------------------------------------------------------
check_java() {
  local build=$work/java coordinates group artifact version
  mkdir -p "$build/program/src/main/java/sdkcheck"
  cp "$here/java/pom.xml" "$build/"
  cp "$here/java/program-pom.xml" "$build/program/pom.xml"
  cp "$here/java/Main.java" "$build/program/src/main/java/sdkcheck/"
  coordinates=$(python3 "$here/java/sdk-pom.py" "$sdk/java" "$build/sdk")
  read -r group artifact version <<<"$coordinates"
  [[ $version == "$schema_version" ]] || mismatch "build.gradle's default version is $version, not $schema_version"
  note "SDK $group:$artifact:$version, depends on $(grep -o 'com\.pulumi:pulumi:[^"]*' "$sdk/java/build.gradle") (from build.gradle)"
  step "mvn package: compile sdk/java, then the seed program against it" \
    env -C "$build" mvn -B -q -Dstyle.color=never -Ddependency.plugin.version="$MAVEN_DEPENDENCY_PLUGIN" \
    -Dsdk.groupId="$group" -Dsdk.artifactId="$artifact" -Dsdk.version="$version" \
    package dependency:build-classpath -Dmdep.outputFile=classpath.txt
  : >"$work/java.registrations"
  step "run the program under Pulumi mocks" \
    env HUBSPOKE_REGISTRATIONS="$work/java.registrations" \
    java -cp "$build/program/target/program-0.jar:$(cat "$build/program/classpath.txt")" sdkcheck.Main
  registrations "$work/java.registrations"
}

# ---- dotnet -----------------------------------------------------------------
check_dotnet() {
  step "every class and property of the schema in sdk/dotnet, package and version in the project" \
    python3 "$here/dotnet.py" "$schema" "$sdk/dotnet"
  note "$(tail -n 1 "$log")"
}

# ---- main -------------------------------------------------------------------
languages=("$@")
((${#languages[@]})) || languages=(python nodejs go java dotnet)
for l in "${languages[@]}"; do
  declare -F "check_$l" >/dev/null || { say "unknown language '$l' (python nodejs go java dotnet)" >&2; exit 2; }
done
[[ -d $sdk ]] || { say "no sdk/: run tools/sdks.sh (make sdks) first" >&2; exit 2; }

passed=0
failed=0
failures=()
started=$SECONDS
for language in "${languages[@]}"; do
  log=$cache/logs/$language.log
  : >"$log"
  begin=$SECONDS
  set +e
  (
    set -e
    "check_$language"
  )
  rc=$?
  set -e
  if ((rc == 0)); then
    passed=$((passed + 1))
    say "$language: passed ($((SECONDS - begin))s)"
  else
    failed=$((failed + 1))
    failures+=("$language")
    say "$language: FAILED ($((SECONDS - begin))s)"
  fi
done
say "done in $((SECONDS - started))s${failures[*]:+; failed: ${failures[*]}}"
printf 'sdk-check: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
