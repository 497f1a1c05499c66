#!/usr/bin/env bash
# Prepares a copy of examples/typescript: installs its package.json dependencies into
# WORK_DIR/node_modules, with @hubspoke/pulumi-hubspoke packed from the repository's sdk/nodejs
# (compiled with tsc as its release build does) in place of the registry's.
#
# Usage: tests/e2e/prepare/typescript.sh WORK_DIR
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/e2e/typescript: the tools that compile the SDK,
# its tarball per sdk/nodejs content, and one installed node_modules per (package.json, tarball),
# which is copied into WORK_DIR; warm, npm is not run at all.
# shellcheck source=tests/e2e/prepare/lib.sh
source "$(dirname "$0")/lib.sh"

# The SDK is compiled with what tools/sdk-check.sh uses (its package.json asks for typescript
# ^4.7.0 and @types/node ^20).
readonly TOOLS=(@pulumi/pulumi@3.276.0 typescript@4.9.5 @types/node@20.9.5)
readonly PACKAGE=@hubspoke/pulumi-hubspoke

tools=$cache/tools
[[ -f $work/package.json ]] || die "no package.json in $work"
command -v npm >/dev/null || die "npm is not on PATH"
npm=(npm --no-audit --no-fund --loglevel=error)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [[ ! -f $tools/.stamp || $(cat "$tools/.stamp") != "${TOOLS[*]}" ]]; then
  rm -rf "$tools"
  mkdir -p "$tools"
  printf '{"name": "hubspoke-e2e-tools", "private": true}\n' >"$tools/package.json"
  step "install ${TOOLS[*]} (to compile the SDK)" env -C "$tools" "${npm[@]}" install --save-exact "${TOOLS[@]}"
  echo "${TOOLS[*]}" >"$tools/.stamp"
fi

# The tarball is rebuilt only when sdk/nodejs changes.
packed=$cache/sdk-pack/$(tree_hash "$sdk/nodejs")
if ! compgen -G "$packed/*.tgz" >/dev/null; then
  rm -rf "$cache/sdk-pack"
  cp -R "$sdk/nodejs" "$scratch/sdk"
  ln -s "$tools/node_modules" "$scratch/sdk/node_modules"
  step "compile sdk/nodejs (tsc)" "$tools/node_modules/.bin/tsc" -p "$scratch/sdk"
  cp "$scratch/sdk/package.json" "$scratch/sdk/README.md" "$scratch/sdk/bin/"
  mkdir -p "$packed.tmp"
  step "npm pack of the compiled SDK" env -C "$scratch/sdk/bin" "${npm[@]}" pack --pack-destination "$packed.tmp"
  mv "$packed.tmp" "$packed"
fi
tarball=$(compgen -G "$packed/*.tgz")

# One node_modules per package.json and tarball: npm runs only when either changes.
deps=$cache/deps/$( (cat "$work/package.json" && echo "$tarball") | sha256sum | cut -c1-16)
if [[ ! -d $deps/node_modules ]]; then
  rm -rf "$cache/deps"
  mkdir -p "$scratch/deps"
  cp "$work/package.json" "$scratch/deps/"
  step "npm install of package.json, $PACKAGE from $(basename "$tarball")" \
    env -C "$scratch/deps" "${npm[@]}" install --no-save "$tarball"
  [[ -f $scratch/deps/node_modules/$PACKAGE/package.json ]] || die "npm did not install $PACKAGE"
  mkdir -p "$deps"
  mv "$scratch/deps/node_modules" "$deps/node_modules"
fi
rm -rf "$work/node_modules"
step "copy node_modules into $work" cp -a "$deps/node_modules" "$work/node_modules"
done_line
