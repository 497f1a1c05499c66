package standin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Version is the aws plugin version com.pulumi:aws 6.83.0 asks the engine for.
const Version = "6.83.0"

// FailCreateEnv names a resource (by name or URN suffix) whose first Create fails, for fault tests.
const FailCreateEnv = "HUBSPOKE_STANDIN_AWS_FAIL_CREATE"

// DefaultRegion is the region played when the program configures none.
const DefaultRegion = "us-east-1"

// Provider is the STAND-IN aws resource provider. It is NOT AWS.
type Provider struct {
	pulumirpc.UnimplementedResourceProviderServer

	statePath     string
	state         *store
	records       *recorder
	latency       Latency
	failCreate    string
	region        string
	account       string
	org           organization
	standardZones int
	log           io.Writer
	// sleep waits out an operation's latency; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// Options configure a stand-in beyond New's arguments.
type Options struct {
	// RecordsPath is the records file (see RecordsEnv); empty records nothing.
	RecordsPath string
	// Latency is how long operations take; the zero value takes none.
	Latency Latency
	// StandardZones is how many standard Availability Zones the region has (0: DefaultStandardZones).
	StandardZones int
	// Organization is the accounts of the played AWS Organization, management account first (see OrganizationEnv).
	Organization []string
}

// New returns a stand-in keeping its cloud in statePath; failCreate may be empty. It records
// nothing and takes no time: see NewWith.
func New(statePath, failCreate string, log io.Writer) *Provider {
	return NewWith(statePath, failCreate, log, Options{})
}

// NewWith is New with Options.
func NewWith(statePath, failCreate string, log io.Writer, o Options) *Provider {
	if log == nil {
		log = io.Discard
	}
	if o.StandardZones == 0 {
		o.StandardZones = DefaultStandardZones
	}
	return &Provider{statePath: statePath, state: newStore(statePath), records: &recorder{path: o.RecordsPath},
		latency: o.Latency, failCreate: failCreate, region: DefaultRegion, account: Account,
		org: organization{accounts: o.Organization}, standardZones: o.StandardZones,
		log: log, sleep: sleepCtx}
}

// FromEnv returns a stand-in configured from the HUBSPOKE_STANDIN_AWS_* variables (see the README).
func FromEnv() (*Provider, error) {
	latency, err := ParseLatency(os.Getenv(LatencyEnv))
	if err != nil {
		return nil, err
	}
	zones, err := standardZonesFromEnv()
	if err != nil {
		return nil, err
	}
	org, err := organizationFromEnv()
	if err != nil {
		return nil, err
	}
	state := DefaultStatePath()
	return NewWith(state, os.Getenv(FailCreateEnv), os.Stderr,
		Options{RecordsPath: DefaultRecordsPath(state), Latency: latency, StandardZones: zones, Organization: org}), nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wait waits out op's latency for typ, outside every lock.
func (p *Provider) wait(ctx context.Context, typ string, op Op) error {
	if err := p.sleep(ctx, p.latency.For(typ, op)); err != nil {
		return fmt.Errorf("stand-in AWS (NOT AWS): %s of %s interrupted: %w", op, typ, err)
	}
	return nil
}

// record notes a finished operation in the records file; failing to record is only logged.
func (p *Provider) record(op Op, typ, urn, name, id string, start time.Time, err error) {
	r := Record{Op: op, Type: typ, URN: urn, Name: name, ID: id, Start: start, End: time.Now()}
	if err != nil {
		r.Error = err.Error()
	}
	if recErr := p.records.add(r); recErr != nil {
		p.logf("cannot record the %s of %s: %v", op, name, recErr)
	}
}

func (p *Provider) logf(format string, args ...any) {
	fmt.Fprintf(p.log, "stand-in AWS (NOT AWS): "+format+"\n", args...)
}

var opts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, opts)
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, opts)
}

func hash(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

func lookup(typ string) (resourceType, error) {
	t, ok := types[typ]
	if !ok {
		return t, fmt.Errorf("the stand-in AWS (NOT AWS) does not play resource type %s", typ)
	}
	return t, nil
}

func nameOf(urn, given string) string {
	if given != "" {
		return given
	}
	return resource.URN(urn).Name()
}

// --- plugin plumbing --------------------------------------------------------------------------

func (p *Provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (p *Provider) Handshake(context.Context, *pulumirpc.ProviderHandshakeRequest) (*pulumirpc.ProviderHandshakeResponse, error) {
	return &pulumirpc.ProviderHandshakeResponse{AcceptSecrets: true, AcceptResources: true}, nil
}

func (p *Provider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	s, err := Schema()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetSchemaResponse{Schema: string(s)}, nil
}

func (p *Provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *Provider) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	if olds.DeepEquals(news) {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME}, nil
}

func (p *Provider) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	region := req.GetVariables()["aws:config:region"]
	if args, err := unmarshal(req.GetArgs()); err == nil && args["region"].IsString() {
		region = args["region"].StringValue()
	}
	if region == "" {
		region = os.Getenv("AWS_REGION")
	}
	if region != "" {
		p.region = region
	}
	account, err := accountOf(req)
	if err != nil {
		return nil, err
	}
	p.account = account
	p.logf("configured for account %s, region %s, state in %s", p.account, p.region, p.statePath)
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, AcceptResources: true, SupportsPreview: true}, nil
}

func (p *Provider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// --- Create, Read, Update, Delete -----------------------------------------------------------------

func (p *Provider) failsNow(urn, name string) bool {
	if p.failCreate == "" {
		return false
	}
	return name == p.failCreate || strings.HasSuffix(urn, p.failCreate)
}

// change is what Create and Update both start from: the type and the new inputs.
type change struct {
	urn, typ, name string
	t              resourceType
	inputs         resource.PropertyMap
}

func begin(urn, name string, inputs *structpb.Struct) (*change, error) {
	typ := resource.URN(urn).Type().String()
	t, err := lookup(typ)
	if err != nil {
		return nil, err
	}
	in, err := unmarshal(inputs)
	if err != nil {
		return nil, err
	}
	return &change{urn: urn, typ: typ, name: nameOf(urn, name), t: t, inputs: in}, nil
}

// Create refuses what AWS refuses, stores the resource as soon as AWS would hold it (the call
// returns a pending resource), then waits out the type's latency without holding any lock, as the
// real provider waits for "available", and records the call.
func (p *Provider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	start := time.Now()
	ch, err := begin(req.GetUrn(), req.GetName(), req.GetProperties())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return previewCreate(ch)
	}
	id, outs, err := p.create(ch)
	if err == nil {
		err = p.wait(ctx, ch.typ, OpCreate)
	}
	p.record(OpCreate, ch.typ, ch.urn, ch.name, id, start, err)
	if err != nil {
		return nil, err
	}
	p.logf("created %s %s as %s", ch.typ, ch.name, id)
	props, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// previewCreate is the inputs with the computed outputs unknown; nothing is stored or awaited.
func previewCreate(ch *change) (*pulumirpc.CreateResponse, error) {
	outs := ch.inputs.Copy()
	for _, k := range append(ch.t.computed, "tagsAll") {
		if _, given := outs[resource.PropertyKey(k)]; !given {
			outs[resource.PropertyKey(k)] = resource.MakeComputed(resource.NewStringProperty(""))
		}
	}
	props, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Properties: props}, nil
}

// create is Create's short state change, under the state lock.
func (p *Provider) create(ch *change) (id string, outs resource.PropertyMap, err error) {
	urn, typ, name := ch.urn, ch.typ, ch.name
	err = p.state.change(func(c *cloud) error {
		if p.failsNow(urn, name) && !c.FailedOnce[urn] {
			c.markFailed(urn)
			p.logf("failing the create of %s %s once, as %s asks", typ, name, FailCreateEnv)
			return fmt.Errorf("stand-in AWS (NOT AWS): injected failure creating %s %q (%s=%s); the next attempt succeeds",
				typ, name, FailCreateEnv, p.failCreate)
		}
		if err := p.refuse(c, typ, "", ch.inputs); err != nil {
			return fmt.Errorf("stand-in AWS (NOT AWS): creating %s %q: %w", typ, name, err)
		}
		generation := c.Generations[urn] + 1
		generated := hash(urn, fmt.Sprint(generation))[:17]
		var playErr error
		id, outs, playErr = p.play(c, ch.t, typ, name, generated, ch.inputs)
		if playErr != nil {
			return playErr
		}
		// Ids made from properties (routes, associations, IAM names, ...) can clash, as they do
		// in AWS; ids are unique per resource type.
		if held, taken := c.get(typ, id); taken {
			return fmt.Errorf("stand-in AWS (NOT AWS): cannot create %s %q: %s already exists (held by %s)",
				typ, name, id, held.URN)
		}
		if err := putResource(c, id, typ, urn, ch.inputs, outs, generated); err != nil {
			return err
		}
		c.setGeneration(urn, generation)
		return nil
	})
	return id, outs, err
}

func putResource(c *cloud, id, typ, urn string, inputs, outs resource.PropertyMap, generated string) error {
	in, err := encodeProps(inputs)
	if err != nil {
		return err
	}
	out, err := encodeProps(outs)
	if err != nil {
		return err
	}
	c.put(stored{ID: id, Type: typ, URN: urn, Inputs: in, Outputs: out, Generated: generated}, inputs)
	return nil
}

func (p *Provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	typ := resource.URN(req.GetUrn()).Type().String()
	var s stored
	var ok bool
	if err := p.state.view(func(c *cloud) error {
		s, ok = c.get(typ, req.GetId())
		return nil
	}); err != nil {
		return nil, err
	}
	if !ok {
		p.logf("read %s %s: gone", typ, req.GetId())
		return &pulumirpc.ReadResponse{}, nil
	}
	ins, err := decodeProps(s.Inputs)
	if err != nil {
		return nil, err
	}
	outs, err := decodeProps(s.Outputs)
	if err != nil {
		return nil, err
	}
	in, err := marshal(ins)
	if err != nil {
		return nil, err
	}
	out, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: out, Inputs: in}, nil
}

func (p *Provider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	start := time.Now()
	ch, err := begin(req.GetUrn(), req.GetName(), req.GetNews())
	if err != nil {
		return nil, err
	}
	urn, typ, t, news, name := ch.urn, ch.typ, ch.t, ch.inputs, ch.name
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		// Preview: the new inputs over the old outputs; what depends on changed inputs is unknown.
		outs := olds.Copy()
		for k, v := range news {
			outs[k] = v
		}
		if typ == firewallType && !news["subnetMappings"].DeepEquals(olds["subnetMappings"]) {
			outs["firewallStatuses"] = resource.MakeComputed(resource.NewStringProperty(""))
		}
		props, err := marshal(outs)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.UpdateResponse{Properties: props}, nil
	}
	var outs resource.PropertyMap
	err = p.state.change(func(c *cloud) error {
		s, ok := c.get(typ, req.GetId())
		if !ok {
			return fmt.Errorf("stand-in AWS (NOT AWS): %s %s (%s) does not exist in the stand-in cloud; run refresh",
				typ, name, req.GetId())
		}
		if err := p.refuse(c, typ, req.GetId(), news); err != nil {
			return fmt.Errorf("stand-in AWS (NOT AWS): updating %s %q: %w", typ, name, err)
		}
		var playErr error
		if _, outs, playErr = p.play(c, t, typ, name, s.Generated, news); playErr != nil {
			return playErr
		}
		return putResource(c, req.GetId(), typ, urn, news, outs, s.Generated)
	})
	if err == nil {
		err = p.wait(ctx, typ, OpUpdate)
	}
	p.record(OpUpdate, typ, urn, name, req.GetId(), start, err)
	if err != nil {
		return nil, err
	}
	p.logf("updated %s %s (%s)", typ, name, req.GetId())
	props, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (p *Provider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	start := time.Now()
	typ := resource.URN(req.GetUrn()).Type().String()
	err := p.state.change(func(c *cloud) error {
		if _, ok := c.get(typ, req.GetId()); ok {
			c.remove(typ, req.GetId())
			p.cascadeDelete(c, typ, req.GetId())
		}
		return nil
	})
	if err == nil {
		err = p.wait(ctx, typ, OpDelete)
	}
	p.record(OpDelete, typ, req.GetUrn(), nameOf(req.GetUrn(), req.GetName()), req.GetId(), start, err)
	if err != nil {
		return nil, err
	}
	p.logf("deleted %s", req.GetId())
	return &emptypb.Empty{}, nil
}
