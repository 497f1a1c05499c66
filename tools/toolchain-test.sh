#!/usr/bin/env bash
# Tests tools/toolchain.sh's choice between an installed Pulumi and the pinned build (--for demo),
# with made-up installations on PATH and an empty toolchain cache, so nothing is built:
#
#   tools/toolchain-test.sh      (make test runs it; needs the pinned toolchain for real binaries)
#
# Each case states what is on PATH and the lines toolchain.sh must print.
set -euo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pinned=$("$tools_dir/toolchain.sh" --print-bin)
[[ -x $pinned/pulumi && -x $pinned/pulumi-language-yaml ]] ||
  { echo "toolchain-test: needs the pinned toolchain in $pinned (tools/toolchain.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# fake DIR VERSION: a pulumi in DIR that reports VERSION.
fake() {
  mkdir -p "$1"
  printf '#!/bin/sh\necho %s\n' "$2" >"$1/pulumi"
  chmod +x "$1/pulumi"
}

# expect NAME PATH_PREFIX WANTED...: the dry run's output must contain every WANTED line.
expect() {
  local name=$1 prefix=$2 out line
  shift 2
  out=$(PATH="$prefix:$PATH" HUBSPOKE_TOOLCHAIN_DIR="$work/cache" "$tools_dir/toolchain.sh" --for demo --dry-run 2>&1 |
    sed -E 's/^[0-9:]+ toolchain: //')
  for line in "$@"; do
    if ! grep -qF -- "$line" <<<"$out"; then
      echo "FAIL $name: missing \"$line\" in:"
      sed 's/^/    /' <<<"$out"
      failures=$((failures + 1))
      return
    fi
  done
  echo "ok   $name"
}

# An installation of the pinned release: the CLI and its YAML host side by side.
mkdir -p "$work/release"
cp "$pinned/pulumi" "$pinned/pulumi-language-yaml" "$work/release/"
expect "installed release at the pin is used, nothing built" "$work/release" \
  "pulumi: using the installed $work/release/pulumi (v3.274.1" \
  "pulumi-language-yaml: using the installed $work/release/pulumi-language-yaml (v1.38.3" \
  "would build: nothing"

fake "$work/newer" v3.301.0
printf '#!/bin/sh\nexit 0\n' >"$work/newer/pulumi-language-yaml"
chmod +x "$work/newer/pulumi-language-yaml"
expect "a newer CLI with a bundled host that reports no version uses both" "$work/newer" \
  "pulumi: using the installed $work/newer/pulumi (v3.301.0" \
  "pulumi-language-yaml: using $work/newer/pulumi-language-yaml, bundled with pulumi v3.301.0" \
  "would build: nothing"

fake "$work/cli-only" v3.280.0
mkdir -p "$work/elsewhere"
printf '#!/bin/sh\nexit 0\n' >"$work/elsewhere/pulumi-language-yaml"
chmod +x "$work/elsewhere/pulumi-language-yaml"
expect "a host elsewhere on PATH without a version is not trusted" "$work/cli-only:$work/elsewhere" \
  "pulumi: using the installed $work/cli-only/pulumi (v3.280.0" \
  "pulumi-language-yaml: $work/elsewhere/pulumi-language-yaml is not beside pulumi and does not report its version: building v1.38.3" \
  "would build: yaml"

fake "$work/old" v3.200.0
expect "an older CLI is not used" "$work/old" \
  "pulumi: $work/old/pulumi is v3.200.0, not v3 at or above v3.274.1: building v3.274.1" \
  "would build: pulumi yaml"

fake "$work/v4" v4.0.0
expect "another major version is not used" "$work/v4" \
  "pulumi: $work/v4/pulumi is v4.0.0, not v3 at or above v3.274.1" \
  "would build: pulumi yaml"

# The cache's own binaries are not an installation: with only them on PATH, nothing is found.
expect "the toolchain cache on PATH does not count as installed" "$work/cache/v3.274.1/bin" \
  "pulumi: none installed on PATH: building v3.274.1"

# A real run (nothing to build) links the tier and --print-path names it.
out=$(PATH="$work/release:$PATH" HUBSPOKE_TOOLCHAIN_DIR="$work/cache" "$tools_dir/toolchain.sh" --for demo 2>&1)
tier=$(HUBSPOKE_TOOLCHAIN_DIR="$work/cache" "$tools_dir/toolchain.sh" --for demo --print-path)
if [[ $(readlink "$tier/pulumi") == "$work/release/pulumi" && $("$tier/pulumi" version) == v3.274.1 &&
  $(readlink "$tier/pulumi-language-yaml") == "$work/release/pulumi-language-yaml" &&
  ! -e $work/cache/v3.274.1/bin/pulumi ]]; then
  echo "ok   the demo tier links the installed binaries and builds nothing"
else
  echo "FAIL the demo tier: $tier holds $(ls -l "$tier" 2>&1 | tr '\n' ' '); toolchain.sh said: $out"
  failures=$((failures + 1))
fi

((failures == 0)) || { echo "toolchain-test: $failures failed" >&2; exit 1; }
echo "toolchain-test: all passed"
