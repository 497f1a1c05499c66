package standin

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Sharing a transit gateway with other accounts through AWS RAM, and what AWS then lets each
// account do (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html#tgw-sharing,
// https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html).

const (
	tgwType                = "aws:ec2transitgateway/transitGateway:TransitGateway"
	tgwRouteTableType      = "aws:ec2transitgateway/routeTable:RouteTable"
	tgwAssociationType     = "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation"
	tgwPropagationType     = "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"
	tgwRouteType           = "aws:ec2transitgateway/route:Route"
	attachmentAccepterType = "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"
	shareType              = "aws:ram/resourceShare:ResourceShare"
	shareResourceType      = "aws:ram/resourceAssociation:ResourceAssociation"
	sharePrincipalType     = "aws:ram/principalAssociation:PrincipalAssociation"
	shareAccepterType      = "aws:ram/resourceShareAccepter:ResourceShareAccepter"
)

// Attachment states (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-attachments-states).
const (
	attachmentAvailable = "available"
	attachmentPending   = "pendingAcceptance"
)

func init() {
	pair := func(a, b string) func(p propsView, _ string, _ string) string {
		return func(p propsView, _ string, _ string) string { return p(a) + "," + p(b) }
	}
	types[shareType] = resourceType{service: "ram", arnKind: "resource-share", autoName: true,
		computed: []string{"arn"}, idFrom: func(_ propsView, _ string, arn string) string { return arn }}
	// The real provider's ids: "<share arn>,<resource arn>" and "<share arn>,<principal>".
	types[shareResourceType] = resourceType{service: "ram", arnKind: "resource-association",
		required:  []string{"resourceArn", "resourceShareArn"},
		replaceOn: []string{"resourceArn", "resourceShareArn"}, idFrom: pair("resourceShareArn", "resourceArn")}
	types[sharePrincipalType] = resourceType{service: "ram", arnKind: "principal-association",
		required:  []string{"principal", "resourceShareArn"},
		replaceOn: []string{"principal", "resourceShareArn"}, idFrom: pair("resourceShareArn", "principal")}
	// The real provider's id is the share's ARN, which is one per account in AWS; the stand-in keeps
	// every account's resources in one file, so it adds the receiving account (the ARN's).
	types[shareAccepterType] = resourceType{service: "ram", arnKind: "resource-share-invitation",
		required: []string{"shareArn"}, replaceOn: []string{"shareArn"},
		computed: []string{"invitationArn", "shareId", "status", "receiverAccountId", "senderAccountId", "shareName", "resources"},
		idFrom:   func(p propsView, _ string, arn string) string { return p("shareArn") + "," + accountInARN(arn) }}
	types[attachmentAccepterType] = resourceType{service: "ec2", arnKind: "transit-gateway-attachment",
		required: []string{"transitGatewayAttachmentId"}, replaceOn: []string{"transitGatewayAttachmentId"},
		computed: []string{"transitGatewayId", "vpcId", "vpcOwnerId", "subnetIds", "applianceModeSupport", "dnsSupport"},
		idFrom:   func(p propsView, _ string, _ string) string { return p("transitGatewayAttachmentId") }}
	subnet := types[subnetType]
	subnet.computed = append(subnet.computed, "availabilityZone", "availabilityZoneId")
	types[subnetType] = subnet
	extraInputs[shareType] = []string{"allowExternalPrincipals", "permissionArns"}
	extraInputs[attachmentAccepterType] = []string{"transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"}
}

// accountInARN is an ARN's account field (arn:partition:service:region:account:...).
func accountInARN(arn string) string {
	if parts := strings.Split(arn, ":"); len(parts) > 4 {
		return parts[4]
	}
	return ""
}

// ownerOf is the account that created a stored resource, as AWS reports it (ownerId).
func ownerOf(s stored) string {
	if outs, err := decodeProps(s.Outputs); err == nil && str(outs, "ownerId") != "" {
		return str(outs, "ownerId")
	}
	return Account
}

// inputsOrEmpty is a stored resource's inputs through the cloud's decode cache (inputsOf); ones
// that do not decode (the stand-in never stores such) read as empty.
func (c *cloud) inputsOrEmpty(s stored) resource.PropertyMap {
	in, err := c.inputsOf(s)
	if err != nil {
		return resource.PropertyMap{}
	}
	return in
}

func outputsOf(s stored) resource.PropertyMap {
	outs, err := decodeProps(s.Outputs)
	if err != nil {
		return resource.PropertyMap{}
	}
	return outs
}

// sharedWithMe: a resource share of the owner holds the gateway, names this account (or the
// organization it is in) as a principal, and, for an account outside the owner's organization,
// this account accepted the invitation.
func (p *Provider) sharedWithMe(c *cloud, tgw stored, owner string) bool {
	arn := str(outputsOf(tgw), "arn")
	for _, ra := range c.ofType(shareResourceType) {
		in := c.inputsOrEmpty(ra)
		share := str(in, "resourceShareArn")
		if str(in, "resourceArn") != arn || accountInARN(share) != owner {
			continue
		}
		for _, pa := range c.ofType(sharePrincipalType) {
			pin := c.inputsOrEmpty(pa)
			if str(pin, "resourceShareArn") != share || !p.covers(str(pin, "principal")) {
				continue
			}
			if p.org.together(owner, p.account) {
				return true
			}
			if _, accepted := c.get(shareAccepterType, share+","+p.account); accepted {
				return true
			}
		}
	}
	return false
}

// covers: a principal is this account, or the organization this account is in.
func (p *Provider) covers(principal string) bool {
	if principal == p.account {
		return true
	}
	return len(p.org.accounts) > 0 && p.org.has(p.account) && principal == p.org.arn(PartitionOf(p.region).ID)
}

// attachmentState is what AWS reports for an attachment: one whose VPC and gateway have one owner
// is available; a cross-account one waits in pendingAcceptance until the owner accepts it, unless
// the gateway accepts shared attachments automatically
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html#tgw-sharing,
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#tgw-vpc-attachment-accept).
// The stand-in reads the gateway's current setting, not the one at the attachment's creation.
func attachmentState(c *cloud, att stored) string {
	outs := outputsOf(att)
	tgw, ok := c.get(tgwType, str(outs, "transitGatewayId"))
	if !ok || ownerOf(tgw) == str(outs, "vpcOwnerId") || str(c.inputsOrEmpty(tgw), "autoAcceptSharedAttachments") == "enable" {
		return attachmentAvailable
	}
	if _, accepted := c.get(attachmentAccepterType, att.ID); accepted {
		return attachmentAvailable
	}
	return attachmentPending
}

// playAccounts fills in the outputs that depend on accounts and sharing.
func (p *Provider) playAccounts(c *cloud, typ, id string, in, outs resource.PropertyMap) error {
	s := resource.NewStringProperty
	set := func(k string, v resource.PropertyValue) {
		if !outs.HasValue(resource.PropertyKey(k)) {
			outs[resource.PropertyKey(k)] = v
		}
	}
	switch typ {
	case subnetType:
		if z, ok := p.zoneByID(str(in, "availabilityZoneId")); ok {
			set("availabilityZone", s(z.Name))
		}
		if z, ok := p.zoneByName(str(outs, "availabilityZone")); ok {
			set("availabilityZoneId", s(z.ID))
		}
	case shareAccepterType:
		shareArn := str(in, "shareArn")
		share, _ := c.get(shareType, shareArn)
		sender := accountInARN(shareArn)
		var resources []string
		for _, ra := range c.ofType(shareResourceType) {
			if rin := c.inputsOrEmpty(ra); str(rin, "resourceShareArn") == shareArn {
				resources = append(resources, str(rin, "resourceArn"))
			}
		}
		set("invitationArn", s(fmt.Sprintf("arn:%s:ram:%s:%s:resource-share-invitation/%s",
			PartitionOf(p.region).ID, p.region, sender, hash(shareArn, p.account)[:32])))
		set("shareId", s(shareArn[strings.LastIndex(shareArn, "/")+1:]))
		set("status", s("ACCEPTED"))
		set("receiverAccountId", s(p.account))
		set("senderAccountId", s(sender))
		set("shareName", s(str(c.inputsOrEmpty(share), "name")))
		set("resources", strs(resources))
	case attachmentAccepterType:
		att, ok := c.get(attachmentType, str(in, "transitGatewayAttachmentId"))
		if !ok {
			return fmt.Errorf("no attachment %s", str(in, "transitGatewayAttachmentId"))
		}
		// The attachment's view, overriding what play filled in for this account (vpcOwnerId).
		attOuts := outputsOf(att)
		for _, k := range types[attachmentAccepterType].computed {
			if v, ok := attOuts[resource.PropertyKey(k)]; ok {
				outs[resource.PropertyKey(k)] = v
			}
		}
	}
	return nil
}

// cascadeDelete removes what AWS removes along with a deleted resource: an attachment takes its
// acceptance, route table associations and propagations with it
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#delete-vpc-attachment);
// deleting an attachment accepter deletes the attachment, as the real provider does
// (https://www.pulumi.com/registry/packages/aws/api-docs/ec2transitgateway/vpcattachmentaccepter/);
// deleting a resource share accepter leaves the share, which removes the account as a principal
// (https://docs.aws.amazon.com/ram/latest/APIReference/API_DisassociateResourceShare.html).
func (p *Provider) cascadeDelete(c *cloud, typ, id string) {
	switch typ {
	case attachmentType:
		removeIfPresent(c, attachmentAccepterType, id)
		for _, linkType := range []string{tgwAssociationType, tgwPropagationType} {
			for _, link := range c.ofType(linkType) {
				if str(c.inputsOrEmpty(link), "transitGatewayAttachmentId") == id {
					c.remove(linkType, link.ID)
				}
			}
		}
	case attachmentAccepterType:
		if removeIfPresent(c, attachmentType, id) {
			p.cascadeDelete(c, attachmentType, id)
		}
	case shareAccepterType:
		removeIfPresent(c, sharePrincipalType, id)
	}
}

// removeIfPresent removes a resource through the state's journal (never by editing the map, which
// would not be saved) and says whether it was there.
func removeIfPresent(c *cloud, typ, id string) bool {
	if _, ok := c.get(typ, id); !ok {
		return false
	}
	c.remove(typ, id)
	return true
}
