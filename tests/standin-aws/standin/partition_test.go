package standin

import (
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func providerIn(t *testing.T, region string) *Provider {
	t.Helper()
	p := New(filepath.Join(t.TempDir(), "s.json"), "", nil)
	if _, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: map[string]string{"aws:config:region": region}}); err != nil {
		t.Fatal(err)
	}
	return p
}

func invokeOn(t *testing.T, p *Provider, tok string) map[string]any {
	t.Helper()
	resp, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: tok, Args: props(t, nil)})
	if err != nil {
		t.Fatal(err)
	}
	return plain(t, resp.Return)
}

func TestPartitionRegionAndArnsFollowTheConfiguredRegionsPartition(t *testing.T) {
	for _, tc := range []struct{ region, partition, dnsSuffix string }{
		{"us-east-1", "aws", "amazonaws.com"},
		{"us-gov-west-1", "aws-us-gov", "amazonaws.com"},
		{"cn-north-1", "aws-cn", "amazonaws.com.cn"},
	} {
		p := providerIn(t, tc.region)
		part := invokeOn(t, p, "aws:index/getPartition:getPartition")
		if part["partition"] != tc.partition || part["dnsSuffix"] != tc.dnsSuffix {
			t.Errorf("%s: getPartition = %v", tc.region, part)
		}
		if ep := invokeOn(t, p, "aws:index/getRegion:getRegion")["endpoint"]; ep != "ec2."+tc.region+"."+tc.dnsSuffix {
			t.Errorf("%s: getRegion endpoint = %v", tc.region, ep)
		}
		resp, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "aws:index/getServicePrincipal:getServicePrincipal",
			Args: props(t, map[string]any{"serviceName": "vpc-flow-logs"})})
		if err != nil {
			t.Fatal(err)
		}
		if principal := plain(t, resp.Return)["name"]; principal != "vpc-flow-logs."+tc.dnsSuffix {
			t.Errorf("%s: getServicePrincipal = %v", tc.region, principal)
		}
		caller := invokeOn(t, p, "aws:index/getCallerIdentity:getCallerIdentity")
		if caller["accountId"] != Account || !strings.HasPrefix(caller["arn"].(string), "arn:"+tc.partition+":iam::"+Account+":") {
			t.Errorf("%s: getCallerIdentity = %v", tc.region, caller)
		}
		for _, typ := range []string{vpcT, "aws:iam/role:Role", "aws:cloudwatch/logGroup:LogGroup", "aws:networkfirewall/ruleGroup:RuleGroup"} {
			in := map[string]any{"cidrBlock": "10.0.0.0/16", "assumeRolePolicy": "{}", "capacity": 10, "type": "STATEFUL", "name": "n"}
			_, out := create(t, p, typ, "x", in)
			if arn, _ := out["arn"].(string); !strings.HasPrefix(arn, "arn:"+tc.partition+":") {
				t.Errorf("%s: %s arn %q is not in partition %s", tc.region, typ, arn, tc.partition)
			}
		}
	}
}

func TestANamePrefixMakesAUniqueNameThatStaysOnUpdate(t *testing.T) {
	p := providerIn(t, "us-east-1")
	logT := "aws:cloudwatch/logGroup:LogGroup"
	check := func(olds, news map[string]any) map[string]any {
		resp, err := p.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf(logT, "alerts"), Olds: props(t, olds), News: props(t, news)})
		if err != nil {
			t.Fatal(err)
		}
		return plain(t, resp.GetInputs())
	}
	first := check(nil, map[string]any{"namePrefix": "/aws/vendedlogs/hubspoke/alerts-"})
	name, _ := first["name"].(string)
	if !strings.HasPrefix(name, "/aws/vendedlogs/hubspoke/alerts-") || len(name) <= len("/aws/vendedlogs/hubspoke/alerts-") {
		t.Fatalf("name from prefix: %q", name)
	}
	if again := check(first, map[string]any{"namePrefix": "/aws/vendedlogs/hubspoke/alerts-"}); again["name"] != name {
		t.Errorf("the name changed on update: %v -> %v", name, again["name"])
	}
	if moved := check(first, map[string]any{"namePrefix": "/other/"}); !strings.HasPrefix(moved["name"].(string), "/other/") {
		t.Errorf("a new prefix keeps the old name: %v", moved["name"])
	}
}

func TestTheDefaultSecurityGroupIsPlayedAndReplacedOnlyWithItsVpc(t *testing.T) {
	typ := "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	p := providerIn(t, "us-east-1")
	id, out := create(t, p, typ, "default-sg", map[string]any{"vpcId": "vpc-1"})
	if !strings.HasPrefix(id, "sg-") || out["vpcId"] != "vpc-1" {
		t.Fatalf("create: %s %v", id, out)
	}
	if resp := diff(t, typ, map[string]any{"vpcId": "vpc-1"}, map[string]any{"vpcId": "vpc-2"}); len(resp.GetReplaces()) != 1 {
		t.Errorf("a new VPC must replace it: %v", resp)
	}
	if resp := diff(t, typ, map[string]any{"vpcId": "vpc-1"}, map[string]any{"vpcId": "vpc-1", "ingress": []any{}}); len(resp.GetReplaces()) != 0 {
		t.Errorf("rules change in place: %v", resp)
	}
}

// The engine checks a resource again without olds before replacing it, so that the provider makes
// new autonames: the replacement, created before the old resource is deleted, must not take the
// old one's name (AWS would refuse it, as the stand-in does).
func TestAReplacementGetsANewAutonameSoCreateBeforeDeleteDoesNotClash(t *testing.T) {
	p := providerIn(t, "us-east-1")
	typ := "aws:networkfirewall/ruleGroup:RuleGroup"
	checkName := func() string {
		resp, err := p.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf(typ, "drop-ssh"),
			News: props(t, map[string]any{"capacity": 10, "type": "STATEFUL"})})
		if err != nil {
			t.Fatal(err)
		}
		return plain(t, resp.GetInputs())["name"].(string)
	}
	first := checkName()
	if checkName() != first {
		t.Fatal("before any create, the autoname must be stable")
	}
	if _, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(typ, "drop-ssh"),
		Properties: props(t, map[string]any{"capacity": 10, "type": "STATELESS", "name": first})}); err != nil {
		t.Fatal(err)
	}
	second := checkName()
	if second == first {
		t.Fatalf("the replacement's autoname %q is the live resource's", second)
	}
	if _, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(typ, "drop-ssh"),
		Properties: props(t, map[string]any{"capacity": 10, "type": "STATEFUL", "name": second})}); err != nil {
		t.Fatalf("create before delete: %v", err)
	}
}
