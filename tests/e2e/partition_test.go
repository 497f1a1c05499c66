package e2e

import (
	"os"
	"strings"
	"testing"
)

// The blueprint deployed in AWS GovCloud (the stand-in plays the aws-us-gov partition there): no
// ARN of the commercial partition anywhere in the stack, and the SSM endpoints' service names in
// the partition's form. A literal `arn:aws:` or a hand-built service name in the components would
// show here, as it would on GovCloud, where AWS refuses them.
func TestTheBlueprintDeploysInAnotherPartition(t *testing.T) {
	b := newBlueprint(t)
	b.pulumiOK("config", "set", "aws:region", "us-gov-west-1")
	b.up()
	d := b.export()
	data, err := os.ReadFile(d.path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "arn:aws:"); n != 0 {
		t.Errorf("the stack holds %d commercial-partition ARNs (arn:aws:...) in us-gov-west-1", n)
	}
	if !strings.Contains(string(data), "arn:aws-us-gov:") {
		t.Errorf("no aws-us-gov ARN in the stack: the stand-in did not play the partition")
	}
	endpoints := 0
	for _, r := range d.Resources {
		if r.Type == "aws:ec2/vpcEndpoint:VpcEndpoint" {
			endpoints++
			if name, _ := r.Inputs["serviceName"].(string); !strings.HasPrefix(name, "com.amazonaws.us-gov-west-1.") {
				t.Errorf("%s: serviceName %q", r.URN, name)
			}
		}
	}
	if endpoints == 0 {
		t.Errorf("the workload spokes have no SSM endpoints to check")
	}
	b.destroy()
}
