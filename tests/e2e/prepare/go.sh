#!/usr/bin/env bash
# Prepares a copy of examples/go: points its go.mod at the repository's Go SDK module (sdk/, by
# a replace directive), resolves the modules and compiles the program once, so that the Go
# language host's `go build` during `pulumi preview` finds everything in the Go build cache.
#
# Usage: tests/e2e/prepare/go.sh WORK_DIR
# Cache: the usual Go module and build caches (`go env GOMODCACHE GOCACHE`); warm, nothing is
# downloaded and the build takes seconds.
# shellcheck source=tests/e2e/prepare/lib.sh
source "$(dirname "$0")/lib.sh"

readonly SDK_MODULE=github.com/hubspoke/hubspoke/sdk

[[ -f $work/go.mod ]] || die "no go.mod in $work"
command -v go >/dev/null || die "the go command is not on PATH"
export GOFLAGS=-buildvcs=false

cp "$work/go.mod" "$cache/go.mod.before"
step "replace $SDK_MODULE with $sdk" env -C "$work" go mod edit -replace "$SDK_MODULE=$sdk"
step "go mod tidy (modules from the Go module cache, else the proxy)" env -C "$work" go mod tidy
# The committed go.mod should already be tidy against sdk/; say so when it is not.
cp "$work/go.mod" "$cache/go.mod.after"
go mod edit -dropreplace "$SDK_MODULE" "$cache/go.mod.after"
if ! cmp -s "$cache/go.mod.before" "$cache/go.mod.after"; then
  say "note: go mod tidy changed go.mod; examples/go/go.mod is not tidy against sdk/go.mod"
fi
# Plain `go build`, as the language host runs it: the same flags share the build cache.
step "go build of the program (fills the build cache the language host reuses)" \
  env -C "$work" go build -o /dev/null .
done_line
