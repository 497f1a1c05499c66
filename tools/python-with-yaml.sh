#!/usr/bin/env bash
# Runs python3 with PyYAML importable: the system python3 when it has PyYAML, otherwise a venv
# kept in ${XDG_CACHE_HOME:-~/.cache}/hubspoke/pyyaml-venv, created on first use with pip.
# Usage: tools/python-with-yaml.sh SCRIPT [ARGS...]
set -euo pipefail
if python3 -c 'import yaml' 2>/dev/null; then
  exec python3 "$@"
fi
venv=${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/pyyaml-venv
if ! "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
  echo "python-with-yaml: installing PyYAML into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyyaml
fi
exec "$venv/bin/python" "$@"
