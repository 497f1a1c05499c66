#!/usr/bin/env bash
# The main job: deploys examples/yaml-blueprint (one HubAndSpoke: hub, inspection VPC with NAT
# and AWS Network Firewall, two spokes with a test instance each) with the real pulumi CLI, then
# prints the outputs and the resource tree, traces the routing from the state (verify), draws
# the network (diagram: PNG, SVG and DOT, no Graphviz needed), destroys it again, and ends with
# the path of the picture to open.
#
# Offline: AWS is played by the stand-in `aws` plugin of tests/standin-aws (NOT AWS: it keeps a
# fake cloud in a JSON file). hubspoke is installed from the `make dist` tarball, as users
# install it. Everything lives under .pulumi-home/demo (git ignores it).
#
# Usage: tools/demo.sh          (make demo builds the jar and the tarball first)
#
# Pulumi: an installed pulumi v3 at or above the pin (and its YAML host) is used when it is on
# PATH; what is missing is built from Go modules (tools/toolchain.sh --for demo says which).
#        HUBSPOKE_DEMO_KEEP=1 tools/demo.sh   keeps the stack deployed for a look around
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/.pulumi-home/demo
start=$(date +%s%N)
say() {
  local tenths=$((($(date +%s%N) - start) / 100000000))
  printf 'demo: %s (%d.%ds)\n' "$1" $((tenths / 10)) $((tenths % 10))
}

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/provider/pom.xml")
os=$(uname -s | tr '[:upper:]' '[:lower:]')
arch=$(uname -m | sed -e 's/^x86_64$/amd64/' -e 's/^aarch64$/arm64/')
tarball=$root/dist/pulumi-resource-hubspoke-v$version-$os-$arch.tar.gz
[[ -f $tarball ]] || { echo "demo: $tarball is missing: run make dist (make demo does)" >&2; exit 1; }

# A fresh stack and fake cloud every time; the installed plugins stay.
rm -rf "$state/backend" "$state/program" "$state/standin-cloud.json" "$state/standin-cloud.records.jsonl" "$state/standin-cloud.json.lock" "$state/standin-cloud.json.journal"
say "the Pulumi CLI and YAML host (tools/toolchain.sh --for demo)"
"$root/tools/toolchain.sh" --for demo
export HUBSPOKE_TOOLCHAIN_TIER=demo
# shellcheck source=tools/env.sh
source "$root/tools/env.sh" "$state"
export HUBSPOKE_STANDIN_AWS_STATE=$state/standin-cloud.json

say "building the stand-in aws plugin (tests/standin-aws; NOT AWS)"
mkdir -p "$state/standin"
(cd "$root/tests/standin-aws" && go build -trimpath -ldflags='-s -w' -o "$state/standin/pulumi-resource-aws" ./cmd/pulumi-resource-aws)
tar -C "$state/standin" -czf "$state/standin/pulumi-resource-aws-v6.83.0.tar.gz" pulumi-resource-aws

say "installing the plugins into $PULUMI_HOME"
pulumi plugin install resource aws 6.83.0 --reinstall --file "$state/standin/pulumi-resource-aws-v6.83.0.tar.gz" >/dev/null
pulumi plugin install resource hubspoke "$version" --reinstall --file "$tarball" >/dev/null

cp -r "$root/examples/yaml-blueprint" "$state/program"
cd "$state/program"
pulumi stack init demo >/dev/null
pulumi config set aws:region us-east-1

say "pulumi up (the stand-in plays AWS)"
pulumi up --yes --skip-preview --suppress-progress
say "up done"

echo
echo "== outputs"
pulumi stack output --json
echo
echo "== resource tree"
pulumi stack --show-urns=false | sed -n '/Current stack resources/,$p'

# verify and diagram come with the plugin: they read the state alone (pulumi stack export).
plugin=$PULUMI_HOME/plugins/resource-hubspoke-v$version/pulumi-resource-hubspoke
pulumi stack export --file "$state/export.json"
echo
echo "== routing traced from the state (pulumi-resource-hubspoke verify)"
verified=0
"$plugin" verify "$state/export.json" > "$state/verify.txt" || verified=$?
grep -E '^(PASS|FAIL)' "$state/verify.txt"
echo "(every traced packet, hop by hop: $state/verify.txt)"
echo
echo "== picture (pulumi-resource-hubspoke diagram)"
"$plugin" diagram "$state/export.json" --out "$state/diagram" --name hubspoke-demo | tee "$state/diagram.txt"
picture=$(tail -n 1 "$state/diagram.txt")
echo

if [[ -n ${HUBSPOKE_DEMO_KEEP:-} ]]; then
  say "kept: HUBSPOKE_TOOLCHAIN_TIER=demo source tools/env.sh $state; cd $state/program; pulumi stack"
else
  say "pulumi destroy"
  pulumi destroy --yes --skip-preview --suppress-progress >/dev/null
  pulumi stack rm --yes demo >/dev/null
  say "destroyed; done"
fi
echo "demo: the network as deployed, with its egress flows traced in red: open $picture"
exit "$verified"
