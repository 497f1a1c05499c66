# shellcheck shell=bash
# Source this file (bash) to use the toolchain built by tools/toolchain.sh:
#
#   source tools/env.sh [STATE_DIR]
#
# Puts the toolchain's bin directory (for HUBSPOKE_TOOLCHAIN_TIER=demo: the demo's directory of
# links, to an installed pulumi where one is used, see tools/toolchain.sh) first on PATH and points Pulumi at local,
# offline state under STATE_DIR (default: .pulumi-home at the repository root,
# which git ignores): PULUMI_HOME=STATE_DIR/home, a file backend in
# STATE_DIR/backend (PULUMI_BACKEND_URL), a fixed test passphrase, no plugin
# downloads and no update checks. It changes nothing else and does not build;
# run tools/toolchain.sh first.

hubspoke_tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hubspoke_state_dir=${1:-$(dirname "$hubspoke_tools_dir")/.pulumi-home}
mkdir -p "$hubspoke_state_dir/home" "$hubspoke_state_dir/backend"
hubspoke_state_dir=$(cd "$hubspoke_state_dir" && pwd)

HUBSPOKE_TOOLCHAIN_BIN=$("$hubspoke_tools_dir/toolchain.sh" --print-path --for "${HUBSPOKE_TOOLCHAIN_TIER:-all}")
export HUBSPOKE_TOOLCHAIN_BIN
case ":$PATH:" in
  *":$HUBSPOKE_TOOLCHAIN_BIN:"*) ;;
  *) export PATH="$HUBSPOKE_TOOLCHAIN_BIN:$PATH" ;;
esac
if [[ ! -x $HUBSPOKE_TOOLCHAIN_BIN/pulumi ]]; then
  echo "env.sh: no pulumi in $HUBSPOKE_TOOLCHAIN_BIN yet; run tools/toolchain.sh --for ${HUBSPOKE_TOOLCHAIN_TIER:-all}" >&2
fi

export PULUMI_HOME=$hubspoke_state_dir/home
export PULUMI_BACKEND_URL=file://$hubspoke_state_dir/backend
export PULUMI_CONFIG_PASSPHRASE=hubspoke-test-passphrase
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_UPDATE_CHECK=true
unset hubspoke_tools_dir hubspoke_state_dir
