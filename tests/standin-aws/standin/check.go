package standin

import (
	"context"
	"fmt"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// --- Check and Diff -----------------------------------------------------------------------------

func (p *Provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	typ := resource.URN(req.GetUrn()).Type().String()
	t, err := lookup(typ)
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	name := nameOf(req.GetUrn(), req.GetName())
	var failures []*pulumirpc.CheckFailure
	for _, key := range t.required {
		if v, ok := news[resource.PropertyKey(key)]; !ok || v.IsNull() {
			failures = append(failures, &pulumirpc.CheckFailure{
				Property: key,
				Reason: fmt.Sprintf("stand-in AWS (NOT AWS): %s %q is missing the required property %q",
					typ, name, key),
			})
		}
	}
	// Like the real provider, make up a name when none is given, and keep the one made before.
	if t.autoName && !news.HasValue("name") {
		prefix := name + "-"
		if news.HasValue("namePrefix") && news["namePrefix"].IsString() {
			prefix = news["namePrefix"].StringValue()
		}
		if olds.HasValue("name") && (!olds.HasValue("namePrefix") || olds["namePrefix"].DeepEquals(news["namePrefix"])) {
			news["name"] = olds["name"]
		} else {
			// Without olds this is a first create or a replacement (the engine checks again
			// with no olds before replacing, so that autonames are made anew). AWS's provider
			// adds a random suffix; here it follows the URN's create count, so the replacement
			// made before the old resource is deleted gets a name of its own, as on AWS.
			generation := 0
			if err := p.state.view(func(c *cloud) error { generation = c.Generations[req.GetUrn()]; return nil }); err != nil {
				return nil, err
			}
			suffix := hash(req.GetUrn())[:7]
			if generation > 0 {
				suffix = hash(req.GetUrn(), fmt.Sprint(generation))[:7]
			}
			news["name"] = resource.NewStringProperty(prefix + suffix)
		}
	}
	inputs, err := marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs, Failures: failures}, nil
}

func (p *Provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	typ := resource.URN(req.GetUrn()).Type().String()
	t, err := lookup(typ)
	if err != nil {
		return nil, err
	}
	oldStruct := req.GetOldInputs()
	if oldStruct == nil {
		oldStruct = req.GetOlds()
	}
	olds, err := unmarshal(oldStruct)
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	return decide(t, olds, news), nil
}

// decide compares the inputs: a change to a replace-on property replaces, any other change updates.
func decide(t resourceType, olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
	replaceOn := map[string]bool{}
	for _, k := range t.replaceOn {
		replaceOn[k] = true
	}
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	resp := &pulumirpc.DiffResponse{
		Changes: pulumirpc.DiffResponse_DIFF_NONE, DetailedDiff: map[string]*pulumirpc.PropertyDiff{}, HasDetailedDiff: true,
	}
	for k := range keys {
		o, hasOld := olds[k]
		n, hasNew := news[k]
		if hasOld && hasNew && o.DeepEquals(n) && !n.ContainsUnknowns() {
			continue
		}
		if (!hasOld || o.IsNull()) && (!hasNew || n.IsNull()) {
			continue
		}
		kind := pulumirpc.PropertyDiff_UPDATE
		switch {
		case !hasOld || o.IsNull():
			kind = pulumirpc.PropertyDiff_ADD
		case !hasNew || n.IsNull():
			kind = pulumirpc.PropertyDiff_DELETE
		}
		if replaceOn[string(k)] {
			kind += pulumirpc.PropertyDiff_ADD_REPLACE - pulumirpc.PropertyDiff_ADD
			resp.Replaces = append(resp.Replaces, string(k))
		}
		resp.Diffs = append(resp.Diffs, string(k))
		resp.DetailedDiff[string(k)] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	sort.Strings(resp.Replaces)
	sort.Strings(resp.Diffs)
	return resp
}
