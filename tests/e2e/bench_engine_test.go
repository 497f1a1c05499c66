//go:build bench

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// The engine benchmark (`make bench-engine`, bench/README.md): preview and up of the HubAndSpoke
// blueprint, of examples/python and of bench/inline (the same resources with pulumi_aws only),
// on one engine and one stand-in aws plugin (NOT AWS: no latency, a fake cloud on disk). Each
// measurement is one warm-up then BENCH_RUNS runs (default 3); the medians are printed with the
// load average. BENCH_SPOKES (default "2 10 25 50") are the growth's spoke counts; BENCH_PARTS
// (default "example growth") picks the parts. It prints figures and asserts nothing but that
// every command succeeds.

// benchProgram is a program directory and the stack config each of its runs gets.
type benchProgram struct {
	label  string
	dir    string
	config map[string]string
	env    []string // added to the environment of its pulumi commands
}

// benchRun is one preview then one up of a fresh stack on an empty stand-in cloud.
type benchRun struct {
	preview, up       time.Duration
	previewCPU, upCPU time.Duration
	resources         int
	standin           time.Duration // the stand-in's create calls of the up, summed (from its records)
	// The up's phases, from the stand-in's records: until its first create, from the first
	// create's start to the last one's end, and after that until pulumi exits.
	starting, creating, finishing time.Duration
}

// benchResult is the medians of the measured runs.
type benchResult struct {
	benchRun
	load string
}

var benchSeq int

func TestEngineBenchmark(t *testing.T) {
	shared.need(t)
	runs := benchInt(t, "BENCH_RUNS", "3")
	var counts []int
	for _, f := range strings.Fields(envOr("BENCH_SPOKES", "2 10 25 50")) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > 128 {
			t.Fatalf("BENCH_SPOKES: %q is not a spoke count from 1 to 128", f)
		}
		counts = append(counts, n)
	}
	fmt.Printf("engine benchmark: pulumi %s, stand-in aws plugin (NOT AWS, no latency), %d core(s), 1 warm-up + %d runs, medians\n",
		shared.bin, cpuCount(), runs)
	inline := preparedCopy(t, "bench/inline", "python")
	parts := envOr("BENCH_PARTS", "example growth")
	if strings.Contains(parts, "example") {
		benchExample(t, runs, inline)
	}
	if strings.Contains(parts, "growth") {
		benchGrowth(t, runs, counts, inline)
	}
}

// benchExample is examples/yaml-blueprint and examples/python against bench/inline.
func benchExample(t *testing.T, runs int, inline string) {
	python := preparedCopy(t, "examples/python", "python")
	fmt.Println("\n== the example network (2 AZs, 2 spokes with workloads): component vs inline")
	bp := benchMeasure(t, blueprintProgram(t, 2, true), runs)
	py := benchMeasure(t, benchProgram{label: "examples/python", dir: python}, runs)
	in := benchMeasure(t, benchProgram{label: "bench/inline", dir: inline, config: map[string]string{"spokes": "2", "workloads": "true"}}, runs)
	fmt.Printf("%-24s %9s %9s %9s %11s %9s %10s  %s\n", "program", "resources", "preview", "up", "preview CPU", "up CPU", "stand-in",
		"load (1/5/15 min)")
	for _, r := range []struct {
		name string
		res  benchResult
	}{{"examples/yaml-blueprint", bp}, {"examples/python", py}, {"bench/inline", in}} {
		fmt.Printf("%-24s %9d %8.2fs %8.2fs %10.2fs %8.2fs %9.2fs  %s\n", r.name, r.res.resources, r.res.preview.Seconds(),
			r.res.up.Seconds(), r.res.previewCPU.Seconds(), r.res.upCPU.Seconds(), r.res.standin.Seconds(), r.res.load)
	}
	fmt.Printf("ratio component / inline: yaml-blueprint preview %.2fx, up %.2fx; python preview %.2fx, up %.2fx (goal: blueprint preview <= 1.10x)\n",
		ratio(bp.preview, in.preview), ratio(bp.up, in.up), ratio(py.preview, in.preview), ratio(py.up, in.up))
}

// benchGrowth is the blueprint against bench/inline by spoke count, then where each up's time went.
func benchGrowth(t *testing.T, runs int, counts []int, inline string) {
	fmt.Println("\n== growth (2 AZs, no workloads): blueprint vs inline, and the blueprint's up without checkpoints")
	fmt.Printf("%6s %9s | %9s %9s %6s | %9s %9s %6s | %11s | %s\n", "spokes", "resources", "preview", "inline", "ratio",
		"up", "inline", "ratio", "up no-ckpt", "load (1/5/15 min)")
	var phases []string
	for _, n := range counts {
		b := benchMeasure(t, blueprintProgram(t, n, false), runs)
		i := benchMeasure(t, benchProgram{label: "bench/inline", dir: inline, config: map[string]string{"spokes": fmt.Sprint(n), "workloads": "false"}}, runs)
		noCkpt := blueprintProgram(t, n, false)
		noCkpt.env = []string{"PULUMI_SKIP_CHECKPOINTS=true"}
		c := benchMeasure(t, noCkpt, runs)
		fmt.Printf("%6d %9d | %8.2fs %8.2fs %5.2fx | %8.2fs %8.2fs %5.2fx | %10.2fs | %s\n", n, b.resources,
			b.preview.Seconds(), i.preview.Seconds(), ratio(b.preview, i.preview), b.up.Seconds(), i.up.Seconds(),
			ratio(b.up, i.up), c.up.Seconds(), b.load)
		for _, p := range []struct {
			name string
			res  benchResult
		}{{"blueprint", b}, {"inline", i}} {
			phases = append(phases, fmt.Sprintf("%6d %-10s %9.2fs %10.2fs %10.2fs %10.2fs %10.2fs", n, p.name, p.res.starting.Seconds(),
				p.res.creating.Seconds(), p.res.finishing.Seconds(), p.res.standin.Seconds(), p.res.upCPU.Seconds()))
		}
	}
	fmt.Println("\nwhere each up goes (medians): until the first create, creating, after the last create; the stand-in's time in creates; CPU of pulumi and its plugins")
	fmt.Printf("%6s %-10s %10s %10s %10s %10s %10s\n", "spokes", "program", "starting", "creating", "finishing", "stand-in", "CPU")
	for _, line := range phases {
		fmt.Println(line)
	}
}

// blueprintProgram is examples/yaml-blueprint with n spokes, in a directory of its own.
func blueprintProgram(t *testing.T, n int, workloads bool) benchProgram {
	t.Helper()
	program, _ := blueprintNetwork(t, n, workloads)
	dir := filepath.Join(t.TempDir(), "yaml-blueprint")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := yaml.Marshal(program)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return benchProgram{label: "yaml-blueprint", dir: dir}
}

// benchMeasure runs the program's warm-up and runs, and returns the medians.
func benchMeasure(t *testing.T, p benchProgram, runs int) benchResult {
	t.Helper()
	var all []benchRun
	for i := 0; i <= runs; i++ {
		r := benchOnce(t, p)
		if i > 0 {
			all = append(all, r)
		}
	}
	median := func(get func(benchRun) time.Duration) time.Duration {
		values := make([]time.Duration, len(all))
		for i, r := range all {
			values[i] = get(r)
		}
		sort.Slice(values, func(i, j int) bool { return values[i] < values[j] })
		return values[len(values)/2]
	}
	res := benchResult{load: loadAverage()}
	res.preview = median(func(r benchRun) time.Duration { return r.preview })
	res.up = median(func(r benchRun) time.Duration { return r.up })
	res.previewCPU = median(func(r benchRun) time.Duration { return r.previewCPU })
	res.upCPU = median(func(r benchRun) time.Duration { return r.upCPU })
	res.standin = median(func(r benchRun) time.Duration { return r.standin })
	res.starting = median(func(r benchRun) time.Duration { return r.starting })
	res.creating = median(func(r benchRun) time.Duration { return r.creating })
	res.finishing = median(func(r benchRun) time.Duration { return r.finishing })
	res.resources = all[0].resources
	t.Logf("%s %v: preview %.2fs, up %.2fs (%d resources)", p.label, p.config, res.preview.Seconds(), res.up.Seconds(), res.resources)
	return res
}

// benchOnce is a new stack on an empty stand-in cloud: preview, then up.
func benchOnce(t *testing.T, p benchProgram) benchRun {
	t.Helper()
	benchSeq++
	work := filepath.Join(filepath.Dir(p.dir), fmt.Sprintf("run-%d", benchSeq))
	if err := os.MkdirAll(filepath.Join(work, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := &stack{t: t, dir: p.dir, env: shared.env(work), cloud: filepath.Join(work, "standin-cloud.json")}
	s.pulumiOK("stack", "init", "bench")
	s.pulumiOK("config", "set", "aws:region", "us-east-1")
	s.env = append(s.env, p.env...)
	for k, v := range p.config {
		s.pulumiOK("config", "set", k, v)
	}
	var r benchRun
	r.preview, r.previewCPU, _ = benchTimed(t, s, "preview")
	var out string
	upStart := time.Now()
	r.up, r.upCPU, out = benchTimed(t, s, "up", "--yes", "--skip-preview")
	if m := createdLine.FindStringSubmatch(out); m != nil {
		r.resources, _ = strconv.Atoi(m[1])
	}
	calls := s.standinCalls("create")
	last := upStart
	for _, c := range calls {
		r.standin += c.End.Sub(c.Start)
		last = later(last, c.End)
	}
	if len(calls) > 0 {
		r.starting, r.creating, r.finishing = calls[0].Start.Sub(upStart), last.Sub(calls[0].Start), upStart.Add(r.up).Sub(last)
	}
	s.pulumiOK("stack", "rm", "--yes", "--force")
	return r
}

// benchTimed runs one pulumi command: its wall time, and the CPU time of pulumi and of the
// processes it waited for (language host, program, providers).
func benchTimed(t *testing.T, s *stack, args ...string) (time.Duration, time.Duration, string) {
	t.Helper()
	cmd := exec.Command(shared.pulumi, args...)
	cmd.Dir, cmd.Env = s.dir, s.env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("pulumi %s: %v\n%s%s", strings.Join(args, " "), err, tail(string(out), 4000), s.providerLog())
	}
	return took, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), string(out)
}

// createdLine is up's summary of how many resources it created (the stack and components included).
var createdLine = regexp.MustCompile(`\+ (\d+) created`)

func ratio(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:3], " ")
}

func cpuCount() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(data), "processor\t:")
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func benchInt(t *testing.T, name, fallback string) int {
	n, err := strconv.Atoi(envOr(name, fallback))
	if err != nil || n < 1 {
		t.Fatalf("%s must be a positive number", name)
	}
	return n
}
