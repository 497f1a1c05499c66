package standin

import (
	"context"
	"fmt"
	"strings"

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
		ret, err = describeZones(p.region, p.zones(), args)
		if err != nil {
			return nil, fmt.Errorf("stand-in AWS (NOT AWS): getAvailabilityZones: %w", err)
		}
	case "aws:index/getRegion:getRegion":
		ret = resource.PropertyMap{
			"id": s(p.region), "name": s(p.region), "description": s("stand-in region " + p.region + " (NOT AWS)"),
			"endpoint": s("ec2." + p.region + "." + PartitionOf(p.region).DNSSuffix),
		}
	case "aws:index/getPartition:getPartition":
		part := PartitionOf(p.region)
		ret = resource.PropertyMap{
			"id": s(part.ID), "partition": s(part.ID), "dnsSuffix": s(part.DNSSuffix),
			"reverseDnsPrefix": s(part.ReverseDNSPrefix),
		}
	case "aws:index/getServicePrincipal:getServicePrincipal":
		// Simplified from AWS's table (some services keep amazonaws.com in aws-cn): the partition's
		// DNS suffix, which is what differs between the partitions played here.
		service, suffix := str(args, "serviceName"), PartitionOf(p.region).DNSSuffix
		ret = resource.PropertyMap{
			"id": s(service + "." + p.region), "name": s(service + "." + suffix), "region": s(p.region),
			"serviceName": s(service), "suffix": s(suffix),
		}
	case "aws:index/getCallerIdentity:getCallerIdentity":
		ret = resource.PropertyMap{
			"id": s(p.account), "accountId": s(p.account), "userId": s("AIDASTANDINNOTAWS"),
			"arn": s(fmt.Sprintf("arn:%s:iam::%s:user/standin-not-aws", PartitionOf(p.region).ID, p.account)),
		}
	case "aws:ssm/getParameter:getParameter":
		name := str(args, "name")
		// An AMI id shaped like AWS's, derived from the parameter name so it never changes.
		value := "ami-" + hash(name)[:17]
		ret = resource.PropertyMap{
			"id": s(name), "name": s(name), "arn": s(fmt.Sprintf("arn:%s:ssm:%s::parameter%s", PartitionOf(p.region).ID, p.region, name)),
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

// Partition is what aws.getPartition answers for a region.
type Partition struct {
	ID, DNSSuffix, ReverseDNSPrefix string
}

// PartitionOf plays AWS's partitions: GovCloud and China regions are partitions of their own,
// with their own ARN prefix and (China) DNS suffix
// (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
func PartitionOf(region string) Partition {
	switch {
	case strings.HasPrefix(region, "us-gov-"):
		return Partition{ID: "aws-us-gov", DNSSuffix: "amazonaws.com", ReverseDNSPrefix: "com.amazonaws"}
	case strings.HasPrefix(region, "cn-"):
		return Partition{ID: "aws-cn", DNSSuffix: "amazonaws.com.cn", ReverseDNSPrefix: "cn.com.amazonaws"}
	}
	return Partition{ID: "aws", DNSSuffix: "amazonaws.com", ReverseDNSPrefix: "com.amazonaws"}
}
