// The seed network (examples/seed.yaml) built twice with the Go SDK: once with HubAndSpoke and
// once from the building blocks, run under Pulumi mocks by tools/sdk-check.sh. Each registered
// resource (type, name, inputs) goes as one JSON line to the file named by HUBSPOKE_REGISTRATIONS;
// every resource's state is its inputs plus the fixed outputs in HUBSPOKE_MOCK_OUTPUTS, so
// components can be wired together. Nothing here talks to an engine.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/hubspoke/hubspoke/sdk/go/hubspoke"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	supernet       = "10.0.0.0/8"
	inspectionCidr = "10.129.0.0/24"
)

var (
	spokeNames = []string{"spoke1", "spoke2"}
	spokeCidrs = map[string]string{"spoke1": "10.0.0.0/16", "spoke2": "10.1.0.0/16"}
	tags       = pulumi.StringMap{"project": pulumi.String("hubspoke-seed")}
)

func seedNetwork(ctx *pulumi.Context) error {
	spokes := hubspoke.SpokeSpecArray{}
	for _, name := range spokeNames {
		spokes = append(spokes, hubspoke.SpokeSpecArgs{
			Name:      pulumi.String(name),
			CidrBlock: pulumi.String(spokeCidrs[name]),
			Workload:  pulumi.Bool(true),
		})
	}
	net, err := hubspoke.NewHubAndSpoke(ctx, "seed", &hubspoke.HubAndSpokeArgs{
		SupernetCidrBlock:   pulumi.String(supernet),
		InspectionCidrBlock: pulumi.String(inspectionCidr),
		AzCount:             pulumi.Int(2),
		NatGateways:         hubspoke.NatGatewayModePerAz,
		Firewall:            pulumi.Bool(true),
		AllowedDomains:      pulumi.StringArray{pulumi.String(".amazon.com")},
		Spokes:              spokes,
		Tags:                tags,
	})
	if err != nil {
		return err
	}
	ctx.Export("natPublicIps", net.NatPublicIps)
	return nil
}

func buildingBlocks(ctx *pulumi.Context) error {
	hub, err := hubspoke.NewHub(ctx, "hub", &hubspoke.HubArgs{AmazonSideAsn: pulumi.Int(64512), Tags: tags})
	if err != nil {
		return err
	}
	policy, err := hubspoke.NewFirewallPolicy(ctx, "policy", &hubspoke.FirewallPolicyArgs{
		SupernetCidrBlock: pulumi.String(supernet),
		AllowedDomains:    pulumi.StringArray{pulumi.String(".amazon.com")},
		Tags:              tags,
	})
	if err != nil {
		return err
	}
	_, err = hubspoke.NewInspectionVpc(ctx, "inspection", &hubspoke.InspectionVpcArgs{
		CidrBlock:              pulumi.String(inspectionCidr),
		SupernetCidrBlock:      pulumi.String(supernet),
		TransitGatewayId:       hub.TransitGatewayId,
		SpokeRouteTableId:      hub.SpokeRouteTableId,
		InspectionRouteTableId: hub.InspectionRouteTableId,
		AzCount:                pulumi.Int(2),
		NatGateways:            hubspoke.NatGatewayModeSingle,
		FirewallPolicyArn:      policy.Arn,
		Tags:                   tags,
	})
	if err != nil {
		return err
	}
	var first *hubspoke.SpokeVpc
	for _, name := range spokeNames {
		spoke, err := hubspoke.NewSpokeVpc(ctx, name, &hubspoke.SpokeVpcArgs{
			CidrBlock:              pulumi.String(spokeCidrs[name]),
			TransitGatewayId:       hub.TransitGatewayId,
			SpokeRouteTableId:      hub.SpokeRouteTableId,
			InspectionRouteTableId: hub.InspectionRouteTableId,
			AzCount:                pulumi.Int(2),
			Tags:                   tags,
		})
		if err != nil {
			return err
		}
		if first == nil {
			first = spoke
		}
	}
	_, err = hubspoke.NewSpokeWorkload(ctx, "workload1", &hubspoke.SpokeWorkloadArgs{
		VpcId:    first.VpcId,
		SubnetId: first.WorkloadSubnetIds.Index(pulumi.Int(0)),
		Tags:     tags,
	})
	return err
}

// mocks records every registration and answers with the inputs plus the fixed outputs. The
// SDK registers resources from several goroutines.
type mocks struct {
	mu            sync.Mutex
	registrations *os.File
	outputs       resource.PropertyMap
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	line, err := json.Marshal(map[string]any{"type": args.TypeToken, "name": args.Name, "inputs": args.Inputs.Mappable()})
	if err != nil {
		return "", nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, err := fmt.Fprintf(m.registrations, "%s\n", line); err != nil {
		return "", nil, err
	}
	state := args.Inputs.Copy()
	for key, value := range m.outputs {
		state[key] = value
	}
	return args.Name + "-id", state, nil
}

func (*mocks) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func run() error {
	raw, err := os.ReadFile(os.Getenv("HUBSPOKE_MOCK_OUTPUTS"))
	if err != nil {
		return err
	}
	var outputs map[string]any
	if err := json.Unmarshal(raw, &outputs); err != nil {
		return err
	}
	registrations, err := os.OpenFile(os.Getenv("HUBSPOKE_REGISTRATIONS"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer registrations.Close()
	m := &mocks{registrations: registrations, outputs: resource.NewPropertyMapFromMap(outputs)}
	return pulumi.RunErr(func(ctx *pulumi.Context) error {
		if err := seedNetwork(ctx); err != nil {
			return err
		}
		return buildingBlocks(ctx)
	}, pulumi.WithMocks("sdk-check", "test", m))
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
