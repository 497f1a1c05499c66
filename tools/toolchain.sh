#!/usr/bin/env bash
# Builds the pulumi CLI and its language hosts from the Go module proxy into a
# cache shared by every clone of the repository:
#
#   ${HUBSPOKE_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/toolchain}/v3.274.1/bin
#
# Usage: tools/toolchain.sh [--for TIER] [--dry-run | --print-path | --print-bin | --force | --help]
#
#   --for demo   only what the demo needs (pulumi and the YAML host), and an installed pulumi v3
#                at or above v3.274.1 (with its YAML host) on PATH is used instead of building
#   --for all    (default) every binary at its pin, built here: the test tiers need them
#   --dry-run    print what would be used or built, build nothing
#   --print-path the directory to put first on PATH for the tier (after a run for that tier)
#   --print-bin  the bin directory of the built binaries
#
# A run with everything in place (binaries present, stamp file matching the pins
# below) builds nothing and ends within seconds. See tools/README.md.
set -euo pipefail

# ---- pins -------------------------------------------------------------------
# Change a pin here and the next run rebuilds what it names.
readonly PULUMI_VERSION=v3.274.1
# Newest pulumi-yaml the module proxy serves here (v1.38.4+ and v1.39+ are refused).
readonly YAML_VERSION=v1.38.3
# pulumi-java's root module is refused at v1.36.1 and every other version tried;
# its older pkg/ module is served at v1.12.0 (the version other served modules
# require; v1.36.1 is refused). Its go.mod names an unserved pseudo-version of
# pkg/v3 (v3.170.1-0.20250521083949-e50302c97fa9), so the nearest release after
# it is required instead.
readonly JAVA_MODULE=github.com/pulumi/pulumi-java/pkg
readonly JAVA_VERSION=v1.12.0
readonly JAVA_PULUMI_VERSION=v3.171.0
readonly DOTNET_MODULE=github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3
readonly DOTNET_VERSION=v3.112.1

# Non-local replaces of the modules built, repeated because replace directives
# only apply in the main module.
readonly R_CLIPBOARD='github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e'
readonly R_GODIFF='github.com/sergi/go-diff => github.com/sergi/go-diff v1.1.0'
readonly R_GOGO='github.com/gogo/protobuf => github.com/gogo/protobuf v1.3.2'
readonly R_LOGRUS_JAVA='github.com/Sirupsen/logrus => github.com/sirupsen/logrus v1.5.0'
readonly R_LOGRUS_DOTNET='github.com/Sirupsen/logrus => github.com/sirupsen/logrus v1.8.3'

readonly SDK_MODULE=github.com/pulumi/pulumi/sdk/v3
readonly PKG_MODULE=github.com/pulumi/pulumi/pkg/v3
readonly VERSION_VAR=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

# ---- layout -----------------------------------------------------------------
tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_root=${HUBSPOKE_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/toolchain}
toolchain_dir=$cache_root/$PULUMI_VERSION
bin_dir=$toolchain_dir/bin
src_dir=$toolchain_dir/src      # generated wrapper modules, one per binary
stamp_dir=$toolchain_dir/stamps # one stamp per binary: the recipe it was built from
log_dir=$toolchain_dir/logs
stamp_file=$toolchain_dir/toolchain.stamp

started=$SECONDS
say() { printf '%s toolchain: %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
  say "ERROR: $*" >&2
  exit 1
}
elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
# Go's messages name the proxy's host; keep that out of what we print.
redact() { sed -E 's#[a-z]+://[^/[:space:]]+#<module proxy>#g'; }

usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

force=false
tier=all
action=build
while (($#)); do
  case $1 in
    --for)
      [[ ${2:-} == @(all|demo) ]] || { echo "toolchain.sh: --for takes all or demo" >&2; exit 2; }
      tier=$2
      shift
      ;;
    --print-bin) echo "$bin_dir"; exit 0 ;;
    --print-path) action=print-path ;;
    --dry-run) action=dry-run ;;
    --force) force=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
# Each tier's directory of links: exactly the binaries the tier uses, installed or built.
tier_dir=$toolchain_dir/tiers/$tier
if [[ $action == print-path ]]; then
  if [[ $tier == all ]]; then echo "$bin_dir"; else echo "$tier_dir"; fi
  exit 0
fi

# ---- recipes ----------------------------------------------------------------
# Each binary's recipe is a text; its stamp holds the text it was built from.
langhost_hash() {
  (cd "$tools_dir/langhost" &&
    find . -maxdepth 1 -type f \( -name 'go.*' -o -name '*.go' \) ! -name '*_test.go' -print0 |
    sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

recipe_pulumi() { echo "pulumi $PKG_MODULE $PULUMI_VERSION $SDK_MODULE $PULUMI_VERSION | $R_CLIPBOARD"; }
recipe_yaml() { echo "yaml github.com/pulumi/pulumi-yaml $YAML_VERSION | $R_CLIPBOARD"; }
recipe_java() {
  echo "java $JAVA_MODULE $JAVA_VERSION $PKG_MODULE $JAVA_PULUMI_VERSION | $R_LOGRUS_JAVA | $R_GOGO | $R_GODIFF | $R_CLIPBOARD"
}
recipe_dotnet() { echo "dotnet $DOTNET_MODULE $DOTNET_VERSION | $R_LOGRUS_DOTNET | $R_GOGO | $R_CLIPBOARD"; }
recipe_langhost() { echo "langhost $(langhost_hash) $PULUMI_VERSION"; }
recipe_python_exec() { echo "python-exec $SDK_MODULE $PULUMI_VERSION"; }

readonly UNITS="pulumi yaml java dotnet langhost python_exec"
# Files each unit puts into bin/.
unit_files() {
  case $1 in
    pulumi) echo pulumi ;;
    yaml) echo pulumi-language-yaml ;;
    java) echo pulumi-language-java ;;
    dotnet) echo pulumi-language-dotnet ;;
    langhost) echo pulumi-language-python pulumi-language-nodejs pulumi-language-go ;;
    python_exec) echo pulumi-language-python-exec ;;
  esac
}

all_recipes() { for u in $UNITS; do "recipe_$u"; done; }

unit_is_current() {
  local unit=$1 f
  [[ -f $stamp_dir/$unit && "$(cat "$stamp_dir/$unit")" == "$("recipe_$unit")" ]] || return 1
  for f in $(unit_files "$unit"); do [[ -x $bin_dir/$f ]] || return 1; done
}

# ---- tiers --------------------------------------------------------------------
# The demo needs the CLI and the YAML host, and nothing in it depends on how a particular
# release behaves, so a Pulumi the user installed will do. The test tiers depend on the pinned
# binaries: the SDK check compares `gen-sdk` output with sdk/ byte for byte, the e2e suite and
# the stand-in smoke test run programs through tools/langhost (our python/nodejs/go host), and
# their assertions read the pinned CLI's output. They keep building everything (--for all).
if [[ $tier == demo ]]; then
  # shellcheck source-path=SCRIPTDIR source=toolchain-installed.sh
  source "$tools_dir/toolchain-installed.sh"
  select_installed_for_demo # sets use_pulumi, use_yaml (paths) or leaves them empty
  build_units=""
  [[ -n $use_pulumi ]] || build_units+=" pulumi"
  [[ -n $use_yaml ]] || build_units+=" yaml"
  if [[ $action == dry-run ]]; then
    say "would build:${build_units:- nothing}"
    exit 0
  fi
  current=true
  for unit in $build_units; do $force || ! unit_is_current "$unit" && current=false; done
  if $current; then
    finish_demo_tier
    exit 0
  fi
else
  build_units=$UNITS
fi
if [[ $action == dry-run ]]; then
  missing=""
  for u in $UNITS; do unit_is_current "$u" || missing+=" $u"; done
  say "all tiers use the pinned binaries in $bin_dir; would build:${missing:- nothing}"
  exit 0
fi

# ---- warm path --------------------------------------------------------------
if [[ $tier == all ]] && ! $force && [[ -f $stamp_file && "$(cat "$stamp_file")" == "$(all_recipes)" ]]; then
  missing=false
  for u in $UNITS; do unit_is_current "$u" || missing=true; done
  if ! $missing; then
    say "up to date: $bin_dir ($(elapsed $((SECONDS - started))))"
    exit 0
  fi
fi

# ---- cold path --------------------------------------------------------------
command -v go >/dev/null || die "the go command is not on PATH; install Go 1.26.6 or newer"
mkdir -p "$bin_dir" "$src_dir" "$stamp_dir" "$log_dir"
export GOCACHE=$cache_root/go-build # shared by every pinned version
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-modcacherw"
say "building into $bin_dir (Go build cache: $GOCACHE)"

say "checking that the Go module proxy answers"
if ! (cd "$log_dir" && timeout 60 go list -m -versions "$SDK_MODULE") >"$log_dir/proxy-check.log" 2>&1 ||
  ! grep -q "$PULUMI_VERSION" "$log_dir/proxy-check.log"; then
  die "the Go module proxy (see 'go env GOPROXY') did not answer for $SDK_MODULE within 60s, or does not serve $PULUMI_VERSION; everything here is built from it, so nothing was built. Details: $log_dir/proxy-check.log"
fi

# run_logged NAME LOG CMD...: runs CMD with output in LOG, printing a heartbeat
# every 30s; on failure prints the end of LOG and exits.
run_logged() {
  local name=$1 log=$2 t0=$SECONDS pid
  shift 2
  "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 30); do
      sleep 1
      kill -0 "$pid" 2>/dev/null || break
    done
    kill -0 "$pid" 2>/dev/null && say "  ... $name: still working ($(elapsed $((SECONDS - t0))))"
  done
  if ! wait "$pid"; then
    tail -n 25 "$log" | redact >&2
    die "$name failed after $(elapsed $((SECONDS - t0))); full log: $log"
  fi
}

in_dir() { (cd "$1" && shift && "$@"); }

# write_wrapper UNIT TOOL_PACKAGE "REQUIRE..." "REPLACE..." (newline-separated)
write_wrapper() {
  local dir=$src_dir/$1 tool=$2 requires=$3 replaces=$4 line
  rm -rf "$dir"
  mkdir -p "$dir"
  {
    echo "// Generated by tools/toolchain.sh: builds $tool at pinned versions."
    echo "module hubspoke.toolchain/$1"
    echo
    echo "go 1.26.6"
    echo
    echo "require ("
    while IFS= read -r line; do printf '\t%s\n' "$line"; done <<<"$requires"
    echo ")"
    echo
    while IFS= read -r line; do printf 'replace %s\n' "$line"; done <<<"$replaces"
    echo
    echo "tool $tool"
  } >"$dir/go.mod"
}

# build_wrapped UNIT OUTPUT TOOL_PACKAGE LDFLAGS REQUIRES REPLACES
build_wrapped() {
  local unit=$1 out=$2 tool=$3 ldflags=$4 t0=$SECONDS
  say "building $out"
  write_wrapper "$unit" "$tool" "$5" "$6"
  run_logged "$out: resolving modules" "$log_dir/$unit.tidy.log" in_dir "$src_dir/$unit" go mod tidy
  run_logged "$out: compiling" "$log_dir/$unit.build.log" \
    in_dir "$src_dir/$unit" go build -trimpath -ldflags "-s -w $ldflags" -o "$bin_dir/$out.tmp" "$tool"
  mv -f "$bin_dir/$out.tmp" "$bin_dir/$out"
  say "built $out in $(elapsed $((SECONDS - t0))) ($(du -h "$bin_dir/$out" | cut -f1))"
}

build_pulumi() {
  build_wrapped pulumi pulumi "$PKG_MODULE/cmd/pulumi" "-X $VERSION_VAR=$PULUMI_VERSION" \
    "$PKG_MODULE $PULUMI_VERSION
$SDK_MODULE $PULUMI_VERSION" "$R_CLIPBOARD"
}

build_yaml() {
  build_wrapped yaml pulumi-language-yaml github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
    "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=${YAML_VERSION#v}" \
    "github.com/pulumi/pulumi-yaml $YAML_VERSION" "$R_CLIPBOARD"
}

build_java() {
  build_wrapped java pulumi-language-java "$JAVA_MODULE/cmd/pulumi-language-java" \
    "-X $JAVA_MODULE/version.Version=${JAVA_VERSION#v}" \
    "$JAVA_MODULE $JAVA_VERSION
$PKG_MODULE $JAVA_PULUMI_VERSION
$SDK_MODULE $JAVA_PULUMI_VERSION" "$R_LOGRUS_JAVA
$R_GOGO
$R_GODIFF
$R_CLIPBOARD"
}

build_dotnet() {
  build_wrapped dotnet pulumi-language-dotnet "$DOTNET_MODULE" \
    "-X $DOTNET_MODULE/version.Version=${DOTNET_VERSION#v}" \
    "$DOTNET_MODULE $DOTNET_VERSION" "$R_LOGRUS_DOTNET
$R_GOGO
$R_CLIPBOARD"
}

# Our own host (tools/langhost: code generation and program runs) stands in for the python,
# nodejs and go hosts, which the proxy does not serve; see tools/README.md.
build_langhost() {
  local t0=$SECONDS lang
  say "building pulumi-language-{python,nodejs,go} (tools/langhost)"
  run_logged "langhost: compiling" "$log_dir/langhost.build.log" \
    in_dir "$tools_dir/langhost" go build -trimpath -ldflags "-s -w" -o "$bin_dir/pulumi-language-python.tmp" .
  mv -f "$bin_dir/pulumi-language-python.tmp" "$bin_dir/pulumi-language-python"
  for lang in nodejs go; do ln -sf pulumi-language-python "$bin_dir/pulumi-language-$lang"; done
  say "built langhost in $(elapsed $((SECONDS - t0))) ($(du -h "$bin_dir/pulumi-language-python" | cut -f1))"
}

# The python host expects this script beside its binary; it ships in sdk/v3.
build_python_exec() {
  local dir
  say "copying pulumi-language-python-exec from $SDK_MODULE@$PULUMI_VERSION"
  dir=$(go mod download -json "$SDK_MODULE@$PULUMI_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n $dir && -f $dir/python/cmd/pulumi-language-python-exec ]] ||
    die "$SDK_MODULE@$PULUMI_VERSION has no python/cmd/pulumi-language-python-exec"
  install -m 0755 "$dir/python/cmd/pulumi-language-python-exec" "$bin_dir/pulumi-language-python-exec"
}

for unit in $build_units; do
  if ! $force && unit_is_current "$unit"; then
    say "$(unit_files "$unit" | tr ' ' ',') up to date"
    continue
  fi
  rm -f "$stamp_dir/$unit"
  "build_$unit"
  "recipe_$unit" >"$stamp_dir/$unit"
done

if [[ $tier == demo ]]; then
  finish_demo_tier
  exit 0
fi
all_recipes >"$stamp_file"
say "done in $(elapsed $((SECONDS - started))): $bin_dir"
"$bin_dir/pulumi" version | sed 's/^/  pulumi /'
