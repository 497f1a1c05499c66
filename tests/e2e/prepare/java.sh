#!/usr/bin/env bash
# Prepares a copy of examples/java for an engine run, offline from this repository's sdk/java:
#
#   tests/e2e/prepare/java.sh WORK_DIR
#
# 1. builds sdk/java with Maven (pom from tools/sdk-check/java/sdk-pom.py) and installs
#    com.hubspoke:hubspoke into a Maven repository of its own under
#    ${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/e2e/java/m2 (not ~/.m2: a local build must not
#    stand in for a release there); skipped when sdk/java has not changed since the last install;
# 2. writes WORK_DIR/.mvn/maven.config so that every `mvn` run in WORK_DIR (the Java language
#    host runs `mvn compile exec:java` there) uses that repository;
# 3. compiles the program and runs the plugin discovery the language host runs before each
#    deployment (it must print a JSON list), so the first preview finds everything resolved and
#    compiled. The discovery (com.pulumi.bootstrap) looks for com/<ns>/<name>/plugin.json on the
#    class path; the SDK's is com/hubspoke/hubspoke/plugin.json, so the answer must name the
#    hubspoke resource plugin at the SDK's version (that is what lets the engine install the
#    plugin for a Java program before it runs).
# The first run fetches com.pulumi:pulumi and Maven's plugins into that repository from the
# package registry; later runs reuse them.
set -euo pipefail

say() { printf 'prepare/java: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

(($# == 1)) || { echo "usage: $0 WORK_DIR" >&2; exit 2; }
work=$(cd "$1" && pwd) || fail "no directory $1"
root=$(cd "$(dirname "$0")/../../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/hubspoke/e2e/java
repo=$cache/m2
# Another generated sdk/ (tools/sdks.sh --out DIR) to install from, e.g. one with a pluginDownloadURL.
sdk=${HUBSPOKE_SDK_DIR:-$root/sdk}
log=$cache/last.log
[[ -f $work/pom.xml && -f $work/Pulumi.yaml ]] || fail "$work is not a copy of examples/java (no pom.xml / Pulumi.yaml)"
[[ $repo != *[[:space:]]* ]] || fail "the cache path '$repo' has white space, which .mvn/maven.config cannot carry"
command -v mvn >/dev/null || fail "no mvn on PATH"
mkdir -p "$cache"
: >"$log"

# run WHAT CMD...: one progress line, CMD's output into the log, its tail on failure.
run() {
  local what=$1
  shift
  say "$what"
  "$@" >>"$log" 2>&1 || { tail -n 30 "$log" | sed 's/^/    /' >&2; fail "$what (log: $log)"; }
}

# Runs sharing the cache wait for each other.
exec 9>"$cache/.lock"
flock 9

stamp=$( (cd "$sdk" && find java -type f -print0 | sort -z | xargs -0 sha256sum
  sha256sum "$root/tools/sdk-check/java/sdk-pom.py" | cut -d' ' -f1) | sha256sum | cut -d' ' -f1)
if [[ -f $cache/sdk.stamp && $(cat "$cache/sdk.stamp") == "$stamp" ]]; then
  say "sdk/java unchanged since the last install into $repo"
else
  rm -rf "$cache/sdk-build" "$cache/sdk.stamp"
  say "pom for sdk/java (tools/sdk-check/java/sdk-pom.py)"
  coordinates=$(python3 "$root/tools/sdk-check/java/sdk-pom.py" "$sdk/java" "$cache/sdk-build") ||
    fail "sdk-pom.py could not read sdk/java's Gradle build"
  run "mvn install of $coordinates into $repo" \
    mvn -B --no-transfer-progress -Dmaven.repo.local="$repo" -f "$cache/sdk-build/pom.xml" install
  echo "$stamp" >"$cache/sdk.stamp"
fi

mkdir -p "$work/.mvn"
printf -- '-Dmaven.repo.local=%s\n' "$repo" >"$work/.mvn/maven.config"
say "wrote $work/.mvn/maven.config (Maven repository $repo)"

# The command the language host runs to learn the program's plugins (stdout: a JSON list).
discover_plugins() {
  (cd "$work" && mvn -B --no-transfer-progress -Dstyle.color=never -Dorg.slf4j.simpleLogger.logFile=System.err \
    compile exec:java -DmainClass=com.pulumi.bootstrap.internal.Main -DmainArgs=packages >"$cache/packages.json")
}
run "mvn compile of the program, and the language host's plugin discovery" discover_plugins
# Maven 3.8's console wraps stdout in ANSI resets even in batch mode: strip them.
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/provider/pom.xml")
python3 - "$cache/packages.json" "$version" <<'PY' || fail "plugin discovery did not name the hubspoke plugin v$version: $(head -c 300 "$cache/packages.json")"
import json, re, sys
found = json.loads(re.sub(r"\x1b\[[0-9;]*m", "", open(sys.argv[1]).read()))
assert any(p.get("resource") and p.get("name") == "hubspoke" and p.get("version") == sys.argv[2] for p in found), found
PY
say "ready (plugin discovery: $(sed 's/\x1b\[[0-9;]*m//g' "$cache/packages.json" | tr -d '\n'))"
