#!/usr/bin/env bash
# Runs `go test -v ARGS...` in the current directory, showing its output as it comes and keeping
# it in a log; when a test fails, prints each failing test's own lines once more at the very end
# (without the per-command timing lines), so that they are in the last screen of a long run, not
# hundreds of lines above it among the passing tests'.
#
# Usage: tools/go-test.sh LOG_FILE [go test arguments...]
set -uo pipefail

log="$1"
shift
mkdir -p "$(dirname "$log")"
go test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
((status == 0)) && exit 0

# With -v, go test marks whose lines follow with "=== RUN/NAME/CONT  TestName"; a test's result
# line is "--- FAIL: TestName (time)", indented for subtests.
awk -v log_file="$log" '
  /^=== (RUN|NAME|CONT|PAUSE) / { current = $3; next }
  /^ *--- (PASS|FAIL|SKIP): / {
    if ($2 == "FAIL:") { failed[++n] = $3 }
    current = ""
    next
  }
  current != "" && $0 !~ /\.go:[0-9]+: .*: [0-9]+\.[0-9]s$/ {
    lines[current] = lines[current] $0 "\n"
    count[current]++
  }
  END {
    if (n == 0) { exit }
    print ""
    print "== go test failed; the failing tests said (all output: " log_file "):"
    for (i = 1; i <= n; i++) {
      name = failed[i]
      if (count[name] == 0) { continue }
      print "-- " name
      split(lines[name], l, "\n")
      limit = count[name] > 40 ? 40 : count[name]
      for (j = 1; j <= limit; j++) { print l[j] }
      if (count[name] > limit) { print "   ... (" count[name] - limit " more lines in the log)" }
    }
  }
' "$log"
exit "$status"
