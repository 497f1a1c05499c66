package standin

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// LatencyEnv sets how long the stand-in takes to create, update and delete each resource type.
// See Latency and the README's "Latency" section for the format.
const LatencyEnv = "HUBSPOKE_STANDIN_AWS_LATENCY"

// ScaledProfile is the named profile with AWS's typical times scaled down about 100 times.
const ScaledProfile = "aws-scaled"

// Op is a resource operation that can take time.
type Op string

const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)

var ops = []Op{OpCreate, OpUpdate, OpDelete}

// Latency is how long each operation on each resource type takes; the zero value takes no time.
type Latency struct {
	// all applies to every type and operation not listed in byType.
	all map[Op]time.Duration
	// byType is per resource type token, per operation.
	byType map[string]map[Op]time.Duration
}

// For is how long op on a resource of type typ takes.
func (l Latency) For(typ string, op Op) time.Duration {
	if d, ok := l.byType[typ][op]; ok {
		return d
	}
	return l.all[op]
}

func (l *Latency) set(typ string, op Op, d time.Duration) {
	if typ == "*" {
		if l.all == nil {
			l.all = map[Op]time.Duration{}
		}
		l.all[op] = d
		// A later "every type" value overrides what an earlier item set per type.
		for _, m := range l.byType {
			delete(m, op)
		}
		return
	}
	if l.byType == nil {
		l.byType = map[string]map[Op]time.Duration{}
	}
	if l.byType[typ] == nil {
		l.byType[typ] = map[Op]time.Duration{}
	}
	l.byType[typ][op] = d
}

// scaled is AWS's typical create/update/delete times divided by about 100. The long ones are the
// resources AWS creates in a "pending" state and the provider waits for:
//   - a transit gateway is pending for a few minutes after CreateTransitGateway
//     (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html);
//   - a VPC attachment is pending for about a minute
//     (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html);
//   - a NAT gateway is pending for one to two minutes
//     (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html);
//   - a Network Firewall is provisioning for several minutes, one endpoint per subnet mapping
//     (https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-creating.html).
//
// Everything else (VPCs, subnets, route tables, routes, IAM, logs...) answers in a fraction of a
// second: 20 ms here.
var scaled = map[string][3]time.Duration{ // create, update, delete
	"aws:ec2transitgateway/transitGateway:TransitGateway": {1500 * time.Millisecond, 20 * time.Millisecond, 1500 * time.Millisecond},
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment":   {600 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond},
	"aws:networkfirewall/firewall:Firewall":               {4 * time.Second, 2 * time.Second, 4 * time.Second},
	"aws:ec2/natGateway:NatGateway":                       {1200 * time.Millisecond, 20 * time.Millisecond, 600 * time.Millisecond},
}

const scaledOthers = 20 * time.Millisecond

func scaledLatency() Latency {
	var l Latency
	for _, op := range ops {
		l.set("*", op, scaledOthers)
	}
	for typ, d := range scaled {
		for i, op := range ops {
			l.set(typ, op, d[i])
		}
	}
	return l
}

// ParseLatency reads the HUBSPOKE_STANDIN_AWS_LATENCY format: comma-separated items, applied in
// order, later ones overriding earlier ones. An item is
//
//   - empty, "0", "none" or "off": no latency (the default);
//   - "aws-scaled": the scaled AWS profile (see scaled);
//   - a Go duration ("250ms", "1.5s"): every operation on every type takes that long;
//   - SELECTOR=DURATION, where SELECTOR is TYPE or TYPE@OP, TYPE a full type token
//     ("aws:ec2/natGateway:NatGateway"), its module/name part ("ec2/natGateway") or "*" for every
//     type, and OP one of create, update, delete (all three when left out).
//
// Example: "aws-scaled,ec2/natGateway@create=3s,*@delete=0".
func ParseLatency(spec string) (Latency, error) {
	var l Latency
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		switch item {
		case "", "0", "none", "off":
			if item != "" {
				l = Latency{}
			}
			continue
		case ScaledProfile:
			l = scaledLatency()
			continue
		}
		selector, value, hasSelector := strings.Cut(item, "=")
		if !hasSelector {
			selector, value = "*", item
		}
		d, err := time.ParseDuration(strings.TrimSpace(value))
		if err != nil || d < 0 {
			return Latency{}, fmt.Errorf("%s: %q is not a duration, a profile (%s) or SELECTOR=DURATION",
				LatencyEnv, item, ScaledProfile)
		}
		typ, opName, hasOp := strings.Cut(strings.TrimSpace(selector), "@")
		selected := ops
		if hasOp {
			op := Op(opName)
			if op != OpCreate && op != OpUpdate && op != OpDelete {
				return Latency{}, fmt.Errorf("%s: %q: the operation must be create, update or delete", LatencyEnv, item)
			}
			selected = []Op{op}
		}
		token, err := latencyType(typ)
		if err != nil {
			return Latency{}, fmt.Errorf("%s: %q: %w", LatencyEnv, item, err)
		}
		for _, op := range selected {
			l.set(token, op, d)
		}
	}
	return l, nil
}

// latencyType resolves "*", a full token or a module/name part to a played type token.
func latencyType(name string) (string, error) {
	if name == "*" {
		return name, nil
	}
	if _, ok := types[name]; ok {
		return name, nil
	}
	var found []string
	for token := range types {
		if parts := strings.Split(token, ":"); len(parts) == 3 && parts[1] == name {
			found = append(found, token)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	if len(found) > 1 {
		sort.Strings(found)
		return "", fmt.Errorf("%q names several resource types (%s): use the full token", name, strings.Join(found, ", "))
	}
	return "", fmt.Errorf("%q names no resource type the stand-in plays (use a full token such as aws:ec2/vpc:Vpc or its module/name part ec2/vpc)", name)
}
