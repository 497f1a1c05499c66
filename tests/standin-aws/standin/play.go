package standin

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// --- the cloud's side of a resource -----------------------------------------------------------

func str(m resource.PropertyMap, key string) string {
	if v, ok := m[resource.PropertyKey(key)]; ok {
		if v.IsSecret() {
			v = v.SecretValue().Element
		}
		if v.IsString() {
			return v.StringValue()
		}
	}
	return ""
}

func (p *Provider) arn(t resourceType, id, name string) string {
	partition := PartitionOf(p.region).ID
	switch t.service {
	case "iam":
		return fmt.Sprintf("arn:%s:iam::%s:%s/%s", partition, p.account, t.arnKind, firstNonEmpty(name, id))
	case "network-firewall":
		return fmt.Sprintf("arn:%s:network-firewall:%s:%s:%s/%s", partition, p.region, p.account, t.arnKind, firstNonEmpty(name, id))
	case "logs":
		return fmt.Sprintf("arn:%s:logs:%s:%s:%s:%s", partition, p.region, p.account, t.arnKind, firstNonEmpty(name, id))
	}
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s/%s", partition, t.service, p.region, p.account, t.arnKind, id)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// play computes the id and outputs AWS would give a resource with these inputs.
func (p *Provider) play(c *cloud, t resourceType, typ, name, generated string, inputs resource.PropertyMap) (string, resource.PropertyMap, error) {
	view := func(k string) string { return str(inputs, k) }
	var id, arn string
	if t.idFrom == nil {
		id = t.idPrefix + "-" + generated
		arn = p.arn(t, id, "")
	} else {
		arn = p.arn(t, generated, str(inputs, "name"))
		id = t.idFrom(view, generated, arn)
	}
	outs := inputs.Copy()
	set := func(k string, v resource.PropertyValue) {
		if !outs.HasValue(resource.PropertyKey(k)) {
			outs[resource.PropertyKey(k)] = v
		}
	}
	s := resource.NewStringProperty
	h := func(salt string) string { return hash(generated, salt)[:17] }
	ip := func(salt string) string {
		b := hash(generated, salt)
		return fmt.Sprintf("%d", int(b[0])%16*16+int(b[1])%16+1)
	}
	for _, k := range t.computed {
		switch k {
		case "arn":
			set(k, s(arn))
		case "ownerId", "vpcOwnerId":
			set(k, s(p.account))
		case "defaultRouteTableId", "mainRouteTableId":
			set(k, s("rtb-"+h("main")))
		case "defaultSecurityGroupId":
			set(k, s("sg-"+h("default")))
		case "defaultNetworkAclId":
			set(k, s("acl-"+h("default")))
		case "dhcpOptionsId":
			set(k, s("dopt-"+h("default")))
		case "publicIp":
			if alloc := c.find(str(inputs, "allocationId"), "aws:ec2/eip:Eip"); alloc != nil && str(alloc, "publicIp") != "" {
				set(k, s(str(alloc, "publicIp")))
			} else {
				set(k, s("203.0.113."+ip("public")))
			}
		case "allocationId":
			set(k, s(id))
		case "publicDns":
			set(k, s("ec2-203-0-113-"+ip("public")+".compute-1.amazonaws.com"))
		case "ptrRecord":
			set(k, s(""))
		case "privateIp":
			set(k, s(privateIPIn(c.find(str(inputs, "subnetId"), subnetType), ip("private"))))
		case "privateDns":
			set(k, s("ip-"+strings.ReplaceAll(str(outs, "privateIp"), ".", "-")+".ec2.internal"))
		case "networkInterfaceId", "primaryNetworkInterfaceId":
			set(k, s("eni-"+h("eni")))
		case "associationId":
			set(k, s("eipassoc-"+h("assoc")))
		case "instanceState":
			set(k, s("running"))
		case "prefixListId":
			set(k, s("pl-"+h("pl")))
		case "networkInterfaceIds", "dnsEntries":
			set(k, resource.NewArrayProperty(nil))
		case "state":
			set(k, s("available"))
		case "associationDefaultRouteTableId", "propagationDefaultRouteTableId":
			set(k, s("tgw-rtb-"+h("default")))
		case "defaultAssociationRouteTable", "defaultPropagationRouteTable":
			set(k, resource.NewBoolProperty(false))
		case "resourceId":
			set(k, s(str(c.find(str(inputs, "transitGatewayAttachmentId"), attachmentType), "vpcId")))
		case "resourceType":
			set(k, s("vpc"))
		case "updateToken":
			set(k, s(hash(generated, fmt.Sprint(inputs.Mappable()))[:36]))
		case "uniqueId":
			set(k, s("AROA"+strings.ToUpper(h("unique"))))
		case "createDate":
			set(k, s("2026-01-01T00:00:00Z"))
		case "firewallStatuses":
			statuses, err := firewallStatuses(c, id, inputs)
			if err != nil {
				return "", nil, fmt.Errorf("stand-in AWS (NOT AWS): firewall %q: %w", name, err)
			}
			outs[resource.PropertyKey(k)] = statuses
		}
	}
	if tags, ok := inputs["tags"]; ok {
		outs["tagsAll"] = tags
	}
	if err := p.playAccounts(c, typ, id, inputs, outs); err != nil {
		return "", nil, fmt.Errorf("stand-in AWS (NOT AWS): %s %q: %w", typ, name, err)
	}
	return id, outs, nil
}

// find returns the outputs of the stored resource of type typ with this id, or nil.
func (c *cloud) find(id, typ string) resource.PropertyMap {
	s, ok := c.get(typ, id)
	if id == "" || !ok {
		return nil
	}
	outs, err := decodeProps(s.Outputs)
	if err != nil {
		return nil
	}
	return outs
}

// privateIPIn picks an address inside the subnet's CIDR, as EC2 would.
func privateIPIn(subnet resource.PropertyMap, host string) string {
	prefix, err := netip.ParsePrefix(str(subnet, "cidrBlock"))
	if err != nil {
		return "10.99.0." + host
	}
	a := prefix.Masked().Addr().As4()
	var n int
	fmt.Sscan(host, &n)
	if size := 1 << (32 - prefix.Bits()); size > 8 {
		n = 4 + n%(size-5) // AWS reserves the first four addresses and the last one
	} else {
		n = 4
	}
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v += uint32(n)
	return fmt.Sprintf("%d.%d.%d.%d", v>>24, v>>16&0xff, v>>8&0xff, v&0xff)
}

// firewallStatuses reports one sync state per subnet mapping: the subnet's AZ and its endpoint.
func firewallStatuses(c *cloud, firewallID string, inputs resource.PropertyMap) (resource.PropertyValue, error) {
	mappings := inputs["subnetMappings"]
	if !mappings.IsArray() {
		return resource.PropertyValue{}, fmt.Errorf("subnetMappings is not a list")
	}
	var syncStates []resource.PropertyValue
	for _, m := range mappings.ArrayValue() {
		if !m.IsObject() {
			return resource.PropertyValue{}, fmt.Errorf("a subnet mapping is not an object")
		}
		subnetID := str(m.ObjectValue(), "subnetId")
		subnet := c.find(subnetID, subnetType)
		if subnet == nil {
			return resource.PropertyValue{}, fmt.Errorf("subnet mapping names subnet %q, which the stand-in cloud does not hold", subnetID)
		}
		zone := str(subnet, "availabilityZone")
		syncStates = append(syncStates, resource.NewObjectProperty(resource.PropertyMap{
			"availabilityZone": resource.NewStringProperty(zone),
			"attachments": resource.NewArrayProperty([]resource.PropertyValue{
				resource.NewObjectProperty(resource.PropertyMap{
					"subnetId":   resource.NewStringProperty(subnetID),
					"endpointId": resource.NewStringProperty("vpce-" + hash(firewallID, zone)[:17]),
					"status":     resource.NewStringProperty("READY"),
				}),
			}),
		}))
	}
	return resource.NewArrayProperty([]resource.PropertyValue{
		resource.NewObjectProperty(resource.PropertyMap{"syncStates": resource.NewArrayProperty(syncStates)}),
	}), nil
}
