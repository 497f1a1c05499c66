package standin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	tgwT = "aws:ec2transitgateway/transitGateway:TransitGateway"
	natT = "aws:ec2/natGateway:NatGateway"
)

func mustLatency(t *testing.T, spec string) Latency {
	t.Helper()
	l, err := ParseLatency(spec)
	if err != nil {
		t.Fatalf("%q: %v", spec, err)
	}
	return l
}

func TestLatencyIsZeroByDefault(t *testing.T) {
	for _, spec := range []string{"", "0", "none", "off"} {
		l := mustLatency(t, spec)
		if d := l.For(tgwT, OpCreate); d != 0 {
			t.Errorf("%q: a transit gateway takes %v", spec, d)
		}
	}
}

func TestTheScaledProfileIsAwsDividedByAHundred(t *testing.T) {
	l := mustLatency(t, "aws-scaled")
	want := map[string]time.Duration{
		tgwT:                  1500 * time.Millisecond,
		attachmentType:        600 * time.Millisecond,
		firewallType:          4 * time.Second,
		natT:                  1200 * time.Millisecond,
		vpcT:                  20 * time.Millisecond,
		"aws:ec2/route:Route": 20 * time.Millisecond,
	}
	for typ, d := range want {
		if got := l.For(typ, OpCreate); got != d {
			t.Errorf("create %s: %v, want %v", typ, got, d)
		}
	}
	if l.For(firewallType, OpDelete) != 4*time.Second || l.For(vpcT, OpUpdate) != 20*time.Millisecond {
		t.Errorf("update/delete: %v %v", l.For(firewallType, OpDelete), l.For(vpcT, OpUpdate))
	}
}

func TestAPlainDurationAppliesToEveryTypeAndOperation(t *testing.T) {
	l := mustLatency(t, "250ms")
	for _, typ := range []string{tgwT, vpcT} {
		for _, op := range ops {
			if got := l.For(typ, op); got != 250*time.Millisecond {
				t.Errorf("%s %s: %v", op, typ, got)
			}
		}
	}
}

func TestExplicitPerTypeValuesOverrideInOrder(t *testing.T) {
	l := mustLatency(t, "aws-scaled, ec2/natGateway@create=3s, aws:ec2/vpc:Vpc=1s, *@delete=0")
	if got := l.For(natT, OpCreate); got != 3*time.Second {
		t.Errorf("nat create: %v", got)
	}
	if got := l.For(natT, OpUpdate); got != 20*time.Millisecond {
		t.Errorf("nat update keeps the profile's: %v", got)
	}
	if got := l.For(vpcT, OpUpdate); got != time.Second {
		t.Errorf("vpc update: %v", got)
	}
	if got := l.For(firewallType, OpDelete); got != 0 {
		t.Errorf("*@delete=0 zeroes every delete: %v", got)
	}
	if got := l.For(tgwT, OpCreate); got != 1500*time.Millisecond {
		t.Errorf("tgw create keeps the profile's: %v", got)
	}
}

func TestLatencyRefusesWhatItCannotRead(t *testing.T) {
	for _, spec := range []string{"slow", "ec2/nope=1s", "ec2/vpc@destroy=1s", "-1s", "RouteTable=1s"} {
		if _, err := ParseLatency(spec); err == nil {
			t.Errorf("%q was accepted", spec)
		}
	}
	t.Setenv(LatencyEnv, "fast")
	if _, err := FromEnv(); err == nil {
		t.Errorf("FromEnv accepts %s=fast", LatencyEnv)
	}
}

func slowProvider(t *testing.T, spec string) (*Provider, string) {
	t.Helper()
	dir := t.TempDir()
	state := filepath.Join(dir, "cloud.json")
	p := NewWith(state, "", nil, Options{RecordsPath: RecordsPathFor(state), Latency: mustLatency(t, spec)})
	if _, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: map[string]string{"aws:config:region": "eu-west-1"}}); err != nil {
		t.Fatal(err)
	}
	return p, state
}

// The engine creates independent resources concurrently; in AWS they are pending at the same
// time. Eight creates of 300 ms each must take about 300 ms together, not 2.4 s, and their
// records must overlap.
func TestConcurrentCreatesOverlapInsteadOfTakingTurns(t *testing.T) {
	p, state := slowProvider(t, "300ms")
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(vpcT, fmt.Sprintf("v%d", i)),
				Properties: props(t, map[string]any{"cidrBlock": fmt.Sprintf("10.%d.0.0/16", i)})})
			errs <- err
		}(i)
	}
	wg.Wait()
	took := time.Since(start)
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if took < 300*time.Millisecond || took > 1200*time.Millisecond {
		t.Errorf("%d concurrent creates of 300 ms took %v: they do not overlap", n, took)
	}
	records, err := ReadRecords(RecordsPathFor(state))
	if err != nil || len(records) != n {
		t.Fatalf("records: %v %v", records, err)
	}
	latestStart, earliestEnd := records[0].Start, records[0].End
	for _, r := range records {
		if r.Start.After(latestStart) {
			latestStart = r.Start
		}
		if r.End.Before(earliestEnd) {
			earliestEnd = r.End
		}
	}
	if !latestStart.Before(earliestEnd) {
		t.Errorf("the last create started (%v) after the first ended (%v)", latestStart, earliestEnd)
	}
}

// A create's resource is in the cloud (as AWS's pending resource is) while the call still waits,
// and another process reading the state file sees it then.
func TestTheStateFileIsWrittenBeforeTheWaitAndReadableMeanwhile(t *testing.T) {
	p, state := slowProvider(t, "aws:ec2/vpc:Vpc@create=400ms")
	done := make(chan error, 1)
	go func() {
		_, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(vpcT, "slow"), Properties: props(t, map[string]any{"cidrBlock": "10.0.0.0/16"})})
		done <- err
	}()
	time.Sleep(150 * time.Millisecond)
	other := New(state, "", nil)
	var held int
	if err := other.state.view(func(c *cloud) error { held = len(c.ofType(vpcT)); return nil }); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		t.Fatalf("the create returned before its latency: %v", err)
	default:
	}
	if held != 1 {
		t.Errorf("another reader sees %d VPCs during the wait, want 1", held)
	}
	// Meanwhile the same process answers other calls: the wait holds no lock.
	quick := time.Now()
	create(t, p, subnetT, "quick", map[string]any{"vpcId": "vpc-x", "cidrBlock": "10.0.0.0/24"})
	if d := time.Since(quick); d > 100*time.Millisecond {
		t.Errorf("a create without latency waited %v behind a slow one", d)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestAPreviewCreateNeitherWaitsNorRecords(t *testing.T) {
	p, state := slowProvider(t, "2s")
	start := time.Now()
	if _, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(vpcT, "v"), Preview: true,
		Properties: props(t, map[string]any{"cidrBlock": "10.0.0.0/16"})}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("a preview create waited %v", d)
	}
	if _, err := os.Stat(RecordsPathFor(state)); err == nil {
		t.Errorf("a preview create was recorded")
	}
}

func TestRecordsNoteEachCreateWithTypeUrnIdAndSubMillisecondTimes(t *testing.T) {
	p, state := slowProvider(t, "ec2/vpc=30ms")
	id, _ := create(t, p, vpcT, "hub", map[string]any{"cidrBlock": "10.0.0.0/16"})
	refusal(t, p, vpcT, "huge", map[string]any{"cidrBlock": "10.0.0.0/8"})
	if _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{Id: id, Urn: urnOf(vpcT, "hub")}); err != nil {
		t.Fatal(err)
	}
	records, err := ReadRecords(RecordsPathFor(state))
	if err != nil || len(records) != 3 {
		t.Fatalf("records: %+v %v", records, err)
	}
	ok := records[0]
	if ok.Op != OpCreate || ok.Type != vpcT || ok.URN != urnOf(vpcT, "hub") || ok.Name != "hub" || ok.ID != id || ok.Error != "" || ok.Pid != os.Getpid() {
		t.Errorf("create record: %+v", ok)
	}
	if d := ok.End.Sub(ok.Start); d < 30*time.Millisecond || ok.Millis < 30 {
		t.Errorf("create record times: %v to %v (%v ms)", ok.Start, ok.End, ok.Millis)
	}
	raw, _ := os.ReadFile(RecordsPathFor(state))
	if !regexp.MustCompile(`"start":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{4,}`).Match(raw) {
		t.Errorf("the start time is not written with sub-millisecond precision:\n%s", raw)
	}
	if bad := records[1]; bad.Op != OpCreate || bad.ID != "" || bad.Error == "" {
		t.Errorf("a refused create is recorded with its error: %+v", bad)
	}
	if del := records[2]; del.Op != OpDelete || del.ID != id {
		t.Errorf("delete record: %+v", del)
	}
}

func TestACancelledWaitFailsTheCall(t *testing.T) {
	p, _ := slowProvider(t, "5s")
	cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err := p.Create(cctx, &pulumirpc.CreateRequest{Urn: urnOf(vpcT, "v"), Properties: props(t, map[string]any{"cidrBlock": "10.0.0.0/16"})})
	if err == nil {
		t.Fatal("a create whose call was cancelled succeeded")
	}
}

func TestRecordsPathDefaultsNextToTheStateFileAndCanBeSetOrTurnedOff(t *testing.T) {
	t.Setenv(RecordsEnv, "")
	if got := DefaultRecordsPath("/x/standin-cloud.json"); got != "/x/standin-cloud.records.jsonl" {
		t.Errorf("default: %s", got)
	}
	t.Setenv(RecordsEnv, "/y/r.jsonl")
	if got := DefaultRecordsPath("/x/standin-cloud.json"); got != "/y/r.jsonl" {
		t.Errorf("set: %s", got)
	}
	t.Setenv(RecordsEnv, "off")
	if got := DefaultRecordsPath("/x/standin-cloud.json"); got != "" {
		t.Errorf("off: %s", got)
	}
}

// Two provider processes share one file: each sees what the other wrote, and neither loses the
// other's resources when it writes.
func TestTwoProvidersOnOneStateFileKeepEachOthersResources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	a, b := newProvider(t, path, ""), newProvider(t, path, "")
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			create(t, a, vpcT, fmt.Sprintf("a%d", i), map[string]any{"cidrBlock": "10.0.0.0/16"})
		}(i)
		go func(i int) {
			defer wg.Done()
			create(t, b, vpcT, fmt.Sprintf("b%d", i), map[string]any{"cidrBlock": "10.1.0.0/16"})
		}(i)
	}
	wg.Wait()
	var held int
	if err := newProvider(t, path, "").state.view(func(c *cloud) error { held = len(c.Resources); return nil }); err != nil {
		t.Fatal(err)
	}
	if held != 20 {
		t.Errorf("the file holds %d resources, want 20", held)
	}
}
