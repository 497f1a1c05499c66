#!/usr/bin/env bash
# Prepares a copy of examples/python (or bench/inline): creates WORK_DIR/venv (the virtualenv its Pulumi.yaml
# names) and installs its requirements.txt there, with pulumi_hubspoke built as a wheel from
# the repository's sdk/python and pulumi pinned to the version tools/sdk-check.sh checks.
#
# Usage: tests/e2e/prepare/python.sh WORK_DIR
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/e2e/python (build tools, the SDK wheel per
# sdk/python content, a wheelhouse of pulumi and its requirements); warm, nothing is downloaded.
# shellcheck source=tests/e2e/prepare/lib.sh
source "$(dirname "$0")/lib.sh"

readonly PY_PULUMI=3.272.0
readonly PY_TOOLS=(build==1.6.1 setuptools==84.2.1)

tools=$cache/tools
wheelhouse=$cache/wheelhouse
[[ -f $work/requirements.txt ]] || die "no requirements.txt in $work"

if [[ ! -f $tools/.stamp || $(cat "$tools/.stamp") != "${PY_TOOLS[*]}" ]]; then
  rm -rf "$tools"
  step "tools venv" python3 -m venv "$tools"
  step "install ${PY_TOOLS[*]} into the tools venv" \
    "$tools/bin/pip" install -q --disable-pip-version-check "${PY_TOOLS[@]}"
  echo "${PY_TOOLS[*]}" >"$tools/.stamp"
fi

# The wheel is rebuilt only when sdk/python changes. pyproject.toml names README.md beside it;
# the generator writes it into the package directory, so it is copied up as a release build does.
wheels=$cache/sdk-wheel/$(tree_hash "$sdk/python")
if ! compgen -G "$wheels/pulumi_hubspoke-*.whl" >/dev/null; then
  rm -rf "$cache/sdk-wheel"
  src=$(mktemp -d)
  trap 'rm -rf "$src"' EXIT
  cp -R "$sdk/python/." "$src/"
  cp "$src/pulumi_hubspoke/README.md" "$src/README.md"
  step "build the pulumi_hubspoke wheel from sdk/python" \
    "$tools/bin/python" -m build --wheel --no-isolation --outdir "$wheels" "$src"
fi

rm -rf "$work/venv"
step "create $work/venv" python3 -m venv --without-pip "$work/venv"
pip=("$tools/bin/pip" --python "$work/venv/bin/python" --disable-pip-version-check)
install=("${pip[@]}" install -q --no-index --find-links "$wheels" --find-links "$wheelhouse"
  -r "$work/requirements.txt" "pulumi==$PY_PULUMI")
say "install requirements.txt with pulumi $PY_PULUMI (offline, from the cached wheelhouse)"
if ! "${install[@]}" >>"$log" 2>&1; then
  step "wheelhouse incomplete: download pulumi $PY_PULUMI and requirements.txt's packages" \
    "${pip[@]}" download -q -d "$wheelhouse" --find-links "$wheels" -r "$work/requirements.txt" "pulumi==$PY_PULUMI"
  rm -f "$wheelhouse"/pulumi_hubspoke-*
  step "install requirements.txt with pulumi $PY_PULUMI" "${install[@]}"
fi
done_line
