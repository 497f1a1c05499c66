package standin

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// vpcs creates n VPCs named prefix-<i> through p.
func vpcs(t *testing.T, p *Provider, prefix string, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range ids {
		ids[i], _ = create(t, p, vpcT, fmt.Sprintf("%s-%d", prefix, i), map[string]any{"cidrBlock": fmt.Sprintf("10.%d.0.0/16", i%250)})
	}
	return ids
}

func heldVpcs(t *testing.T, path string) int {
	t.Helper()
	data, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	var c cloud
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return len(c.ofType(vpcT))
}

// A change appends one journal line and leaves the state file alone; another process (the next
// command, or a second provider instance) sees every change, and a delete is a line too.
func TestEachChangeIsOneJournalLineThatOtherProcessesSee(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	p := newProvider(t, path, "")
	ids := vpcs(t, p, "vpc", 3)
	if _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{Urn: urnOf(vpcT, "vpc-0"), Id: ids[0]}); err != nil {
		t.Fatal(err)
	}
	journal, err := os.ReadFile(JournalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	// Three creates (each stores the resource and its generation in one line) and one delete.
	if lines := strings.Count(string(journal), "\n"); lines != 4 {
		t.Errorf("the journal has %d lines, want 4:\n%s", lines, journal)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a small cloud rewrote the state file (%v)", err)
	}
	other := newProvider(t, path, "")
	if _, err := other.Read(ctx, &pulumirpc.ReadRequest{Urn: urnOf(vpcT, "vpc-2"), Id: ids[2]}); err != nil {
		t.Fatal(err)
	}
	vpcs(t, other, "other", 1)
	// The first process reads only the line the other one appended, and sees all of it.
	if got := heldVpcs(t, path); got != 3 {
		t.Errorf("the stand-in holds %d VPCs, want 3", got)
	}
	var held int
	if err := p.state.view(func(c *cloud) error { held = len(c.ofType(vpcT)); return nil }); err != nil {
		t.Fatal(err)
	}
	if held != 3 {
		t.Errorf("the first process sees %d VPCs, want 3 (two of its own, one of the other's)", held)
	}
}

// Once the journal is as large as the state file, a change rewrites the state file and empties
// the journal; the bytes written stay proportional to the cloud's size, not to its square: for n
// creates the old stand-in wrote the whole file n times (n*n/2 resources' worth).
func TestWritesGrowLinearlyWithTheCloud(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	p := newProvider(t, path, "")
	p.state.compactAt = 4 << 10
	const n = 600
	vpcs(t, p, "vpc", n)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the state file was never rewritten: %v", err)
	}
	journal, _ := os.Stat(JournalPath(path))
	size := info.Size() + journal.Size()
	if p.state.written > 4*size {
		t.Errorf("%d creates wrote %d bytes for a cloud of %d bytes: more than 4 times its size", n, p.state.written, size)
	}
	t.Logf("%d creates wrote %d bytes for a cloud of %d bytes (state file %d, journal %d)", n, p.state.written,
		size, info.Size(), journal.Size())
	if got := heldVpcs(t, path); got != n {
		t.Errorf("after the rewrites the stand-in holds %d VPCs, want %d", got, n)
	}
	// A process that read the journal before another one rewrote the state file starts again
	// from the new file.
	other := newProvider(t, path, "")
	other.state.compactAt = 4 << 10
	var before int
	if err := other.state.view(func(c *cloud) error { before = len(c.Resources); return nil }); err != nil {
		t.Fatal(err)
	}
	vpcs(t, p, "more", 300)
	if got := heldVpcs(t, path); got != n+300 || before != n {
		t.Errorf("held %d before and %d after, want %d and %d", before, got, n, n+300)
	}
	var after int
	if err := other.state.view(func(c *cloud) error { after = len(c.ofType(vpcT)); return nil }); err != nil {
		t.Fatal(err)
	}
	if after != n+300 {
		t.Errorf("the other process sees %d VPCs after the rewrite, want %d", after, n+300)
	}
}

// BenchmarkCreateGrowingCloud is the stand-in's own cost of the creates of a network, one after
// the other as in a deployment, shaped like the blueprint's spokes (per 20 resources: a VPC, four
// subnets, each checked against its VPC's others for overlaps, and 15 other resources of the VPC)
// at the blueprint's sizes with 2, 10, 25 and 50 spokes. ns/op is the whole series:
// `go test -run '^$' -bench CreateGrowingCloud -benchtime 1x ./standin/`.
func BenchmarkCreateGrowingCloud(b *testing.B) {
	for _, n := range []int{89, 241, 526, 1001} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				p := New(filepath.Join(b.TempDir(), "s.json"), "", nil)
				var vpc string
				for r := 0; r < n; r++ {
					spoke, nth := r/20, r%20
					typ, in := routeTableType, map[string]any{"vpcId": vpc}
					switch {
					case nth == 0:
						typ, in = vpcT, map[string]any{"cidrBlock": fmt.Sprintf("10.%d.0.0/16", spoke%120)}
					case nth <= 4:
						typ, in = subnetT, map[string]any{"vpcId": vpc, "availabilityZone": "us-east-1a",
							"cidrBlock": fmt.Sprintf("10.%d.%d.0/20", spoke%120, 16*(nth-1))}
					}
					resp, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(typ, fmt.Sprint("r", r)), Properties: props(b, in)})
					if err != nil {
						b.Fatal(err)
					}
					if nth == 0 {
						vpc = resp.GetId()
					}
				}
			}
		})
	}
}
