package standin

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// --- invokes ----------------------------------------------------------------------------------------

func (p *Provider) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	s := resource.NewStringProperty
	var ret resource.PropertyMap
	switch req.GetTok() {
	case "aws:index/getAvailabilityZones:getAvailabilityZones":
		ret, err = describeZones(p.region, RegionZones(p.region, p.standardZones), args)
		if err != nil {
			return nil, fmt.Errorf("stand-in AWS (NOT AWS): getAvailabilityZones: %w", err)
		}
	case "aws:index/getRegion:getRegion":
		ret = resource.PropertyMap{
			"id": s(p.region), "name": s(p.region), "description": s("stand-in region " + p.region + " (NOT AWS)"),
			"endpoint": s("ec2." + p.region + ".amazonaws.com"),
		}
	case "aws:ssm/getParameter:getParameter":
		name := str(args, "name")
		// An AMI id shaped like AWS's, derived from the parameter name so it never changes.
		value := "ami-" + hash(name)[:17]
		ret = resource.PropertyMap{
			"id": s(name), "name": s(name), "arn": s(fmt.Sprintf("arn:aws:ssm:%s::parameter%s", p.region, name)),
			"type": s("String"), "value": s(value), "insecureValue": s(value), "version": resource.NewNumberProperty(1),
			"withDecryption": resource.NewBoolProperty(true),
		}
	default:
		return nil, fmt.Errorf("the stand-in AWS (NOT AWS) does not answer the invoke %s", req.GetTok())
	}
	out, err := marshal(ret)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: out}, nil
}
