package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// standinCall is one line of the stand-in's records file: a create, update or delete the engine
// asked the stand-in aws plugin for, from when it arrived to when it was answered (the format is
// in tests/standin-aws/README.md, "Records").
type standinCall struct {
	Op    string    `json:"op"`
	Type  string    `json:"type"`
	URN   string    `json:"urn"`
	Name  string    `json:"name"`
	ID    string    `json:"id"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Error string    `json:"error"`
	Pid   int       `json:"pid"`
}

// standinRecords is where the stand-in of this stack records its calls: next to its state file.
func (s *stack) standinRecords() string {
	return strings.TrimSuffix(s.cloud, filepath.Ext(s.cloud)) + ".records.jsonl"
}

// standinCalls reads the stand-in's records of op ("create", "update", "delete") that succeeded,
// in the order they started.
func (s *stack) standinCalls(op string) []standinCall {
	s.t.Helper()
	data, err := os.ReadFile(s.standinRecords())
	if err != nil {
		s.t.Fatalf("the stand-in's records: %v", err)
	}
	var calls []standinCall
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var c standinCall
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			s.t.Fatalf("%s line %d: %v", s.standinRecords(), i+1, err)
		}
		if c.Op == op && c.Error == "" {
			calls = append(calls, c)
		}
	}
	sort.Slice(calls, func(i, j int) bool { return calls[i].Start.Before(calls[j].Start) })
	return calls
}

// byComponent groups calls by the name of the top-level component (a child of the stack) whose
// tree holds the resource.
func byComponent(d deployment, calls []standinCall) map[string][]standinCall {
	parent := map[string]string{}
	isStack := map[string]bool{}
	for _, r := range d.Resources {
		parent[r.URN] = r.Parent
		isStack[r.URN] = r.Type == "pulumi:pulumi:Stack"
	}
	top := func(urn string) string {
		for parent[urn] != "" && !isStack[parent[urn]] {
			urn = parent[urn]
		}
		return name(urn)
	}
	out := map[string][]standinCall{}
	for _, c := range calls {
		out[top(c.URN)] = append(out[top(c.URN)], c)
	}
	return out
}

// allRunning finds an instant when one call of each group was running: the first call of the
// first group during which calls of every other group ran at a common moment.
func allRunning(groups ...[]standinCall) (time.Time, []standinCall, bool) {
	var search func(from, to time.Time, chosen []standinCall, rest [][]standinCall) (time.Time, []standinCall, bool)
	search = func(from, to time.Time, chosen []standinCall, rest [][]standinCall) (time.Time, []standinCall, bool) {
		if len(rest) == 0 {
			return from, chosen, true
		}
		for _, c := range rest[0] {
			lo, hi := later(from, c.Start), earlier(to, c.End)
			if lo.Before(hi) {
				if at, all, ok := search(lo, hi, append(append([]standinCall{}, chosen...), c), rest[1:]); ok {
					return at, all, true
				}
			}
		}
		return time.Time{}, nil, false
	}
	return search(time.Time{}, time.Unix(1<<40, 0), nil, groups)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// overlap is how long calls of a and of b were running at the same time.
func overlap(a, b []standinCall) time.Duration {
	var total time.Duration
	for _, x := range a {
		for _, y := range b {
			if lo, hi := later(x.Start, y.Start), earlier(x.End, y.End); lo.Before(hi) {
				total += hi.Sub(lo)
			}
		}
	}
	return total
}

// timeline describes when each group's calls ran, relative to the first call.
func timeline(groups map[string][]standinCall) string {
	var zero time.Time
	for _, calls := range groups {
		for _, c := range calls {
			if zero.IsZero() || c.Start.Before(zero) {
				zero = c.Start
			}
		}
	}
	var b strings.Builder
	for _, g := range sortedKeys(groups) {
		calls := groups[g]
		first, last := calls[0].Start, calls[0].End
		var busy time.Duration
		for _, c := range calls {
			first, last = earlier(first, c.Start), later(last, c.End)
			busy += c.End.Sub(c.Start)
		}
		fmt.Fprintf(&b, "  %-12s %3d creates from +%6.2fs to +%6.2fs (%.2fs of waiting in total)\n",
			g, len(calls), first.Sub(zero).Seconds(), last.Sub(zero).Seconds(), busy.Seconds())
	}
	return b.String()
}

// Under AWS-like latency (the stand-in's aws-scaled profile: a transit gateway takes 1.5 s, an
// attachment 0.6 s, a firewall 4 s, a NAT gateway 1.2 s), the components of examples/yaml that do
// not depend on each other create their children at the same time: at some instant a create of
// spoke1's children, one of spoke2's and one of the inspection VPC's are all running. The
// provider must not serialise Constructs: each one lasts until the cloud has created all its
// children, so taking turns adds the components' times up.
func TestIndependentComponentsCreateConcurrentlyUnderAwsLikeLatency(t *testing.T) {
	s := newStack(t, "yaml")
	s.env = append(s.env, "HUBSPOKE_STANDIN_AWS_LATENCY=aws-scaled")
	_, took := s.up()
	d := s.export()
	groups := byComponent(d, s.standinCalls("create"))
	for _, g := range []string{"inspection", "spoke1", "spoke2"} {
		if len(groups[g]) == 0 {
			t.Fatalf("the stand-in recorded no create under %s; recorded:\n%s", g, timeline(groups))
		}
	}
	t.Logf("up took %.1fs; the stand-in's creates by component:\n%s", took.Seconds(), timeline(groups))
	at, calls, ok := allRunning(groups["spoke1"], groups["spoke2"], groups["inspection"])
	if !ok {
		t.Errorf("no create of spoke1's children ran while one of spoke2's and one of the inspection VPC's ran: "+
			"the components took turns (overlap inspection/spoke1 %.2fs, inspection/spoke2 %.2fs, spoke1/spoke2 %.2fs):\n%s",
			overlap(groups["inspection"], groups["spoke1"]).Seconds(), overlap(groups["inspection"], groups["spoke2"]).Seconds(),
			overlap(groups["spoke1"], groups["spoke2"]).Seconds(), timeline(groups))
		return
	}
	t.Logf("at %s these creates were all running: %s, %s, %s", at.Format("15:04:05.000000"),
		name(calls[0].URN), name(calls[1].URN), name(calls[2].URN))
}

// The helper the latency test relies on finds a common instant exactly when there is one.
func TestAllRunningFindsAnInstantOnlyWhenEveryGroupIsRunning(t *testing.T) {
	at := func(from, to int) standinCall {
		base := time.Unix(1000, 0)
		return standinCall{Start: base.Add(time.Duration(from) * time.Millisecond), End: base.Add(time.Duration(to) * time.Millisecond)}
	}
	// Pairwise overlaps that never meet at one instant: a&b overlap at 5-10, b&c at 20-25, a&c at 30-35.
	a := []standinCall{at(0, 10), at(30, 40)}
	b := []standinCall{at(5, 25)}
	c := []standinCall{at(20, 35)}
	if _, _, ok := allRunning(a, b, c); ok {
		t.Errorf("found a common instant where there is none")
	}
	if overlap(a, b) != 5*time.Millisecond || overlap(b, c) != 5*time.Millisecond {
		t.Errorf("overlap: %v %v", overlap(a, b), overlap(b, c))
	}
	c = append(c, at(8, 9))
	when, calls, ok := allRunning(a, b, c)
	if !ok || len(calls) != 3 || when.Before(at(8, 9).Start) || !when.Before(at(8, 9).End) {
		t.Errorf("want the instant 8-9 ms: %v %v %v", when, calls, ok)
	}
}
