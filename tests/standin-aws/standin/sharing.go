package standin

import (
	"fmt"
	"regexp"
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

func inputsOf(s stored) resource.PropertyMap {
	in, err := decodeProps(s.Inputs)
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

// refuseAcrossAccounts refuses what one account may not do with another's resources.
func (p *Provider) refuseAcrossAccounts(c *cloud, typ, self string, in resource.PropertyMap) error {
	switch typ {
	case subnetType:
		return p.refuseSubnetAccount(c, in)
	case attachmentType:
		return p.refuseAttachmentAccount(c, in)
	case tgwAssociationType, tgwPropagationType, tgwRouteType:
		return p.refuseRouteTableLink(c, typ, in)
	case attachmentAccepterType:
		return p.refuseAttachmentAccepter(c, self, in)
	case shareResourceType, sharePrincipalType:
		return p.refuseShareAssociation(c, typ, in)
	case shareAccepterType:
		return p.refuseShareAccepter(c, in)
	}
	return nil
}

// A subnet goes in a VPC of the caller's account, and may name its zone by AZ ID instead of by
// name (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html); the
// ID must be one of the region's (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html).
func (p *Provider) refuseSubnetAccount(c *cloud, in resource.PropertyMap) error {
	if vpc, ok := c.get(vpcType, str(in, "vpcId")); ok && ownerOf(vpc) != p.account {
		return refused("CreateSubnet", "InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", vpc.ID)
	}
	id := str(in, "availabilityZoneId")
	if id == "" {
		return nil
	}
	zone, ok := p.zoneByID(id)
	if !ok {
		var ids []string
		for _, z := range p.zones() {
			if z.Usable() {
				ids = append(ids, z.ID)
			}
		}
		return refused("CreateSubnet", "InvalidParameterValue",
			"Value (%s) for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: %s.",
			id, strings.Join(ids, ", "))
	}
	if name := str(in, "availabilityZone"); name != "" && name != zone.Name {
		return refused("CreateSubnet", "InvalidParameterCombination",
			"availabilityZone %s and availabilityZoneId %s are different zones in account %s (%s is %s)", name, id, p.account, id, zone.Name)
	}
	return nil
}

// An account attaches its own VPC to a transit gateway it owns or that another account shared
// with it through RAM, an account outside the owner's organization only once it accepted the
// invitation; to anyone else the gateway does not exist
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html#tgw-sharing,
// https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html). An
// attachment to a shared gateway cannot set the default route table association or propagation:
// only the owner manages its route tables
// (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-share.html,
// https://www.pulumi.com/registry/packages/aws/api-docs/ec2transitgateway/vpcattachment/).
func (p *Provider) refuseAttachmentAccount(c *cloud, in resource.PropertyMap) error {
	const op = "CreateTransitGatewayVpcAttachment"
	if vpc, ok := c.get(vpcType, str(in, "vpcId")); ok && ownerOf(vpc) != p.account {
		return refused(op, "InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", vpc.ID)
	}
	id := str(in, "transitGatewayId")
	tgw, ok := c.get(tgwType, id)
	if !ok {
		return refused(op, "InvalidTransitGatewayID.NotFound", "The transitGateway ID '%s' does not exist.", id)
	}
	owner := ownerOf(tgw)
	if owner == p.account {
		return nil
	}
	if !p.sharedWithMe(c, tgw, owner) {
		return refused(op, "InvalidTransitGatewayID.NotFound",
			"The transitGateway ID '%s' does not exist. (It belongs to account %s and is not shared with account %s%s.)",
			id, owner, p.account, p.acceptHint(owner))
	}
	for _, k := range []string{"transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"} {
		if v, set := in[resource.PropertyKey(k)]; set && !v.IsNull() {
			return refused(op, "InvalidParameterValue",
				"%s cannot be set by account %s on an attachment to transit gateway %s, which account %s shares with it: only the owner associates and propagates attachments",
				k, p.account, id, owner)
		}
	}
	return nil
}

func (p *Provider) acceptHint(owner string) string {
	if p.org.together(owner, p.account) {
		return ""
	}
	return ", or its invitation is not accepted"
}

// sharedWithMe: a resource share of the owner holds the gateway, names this account (or the
// organization it is in) as a principal, and, for an account outside the owner's organization,
// this account accepted the invitation.
func (p *Provider) sharedWithMe(c *cloud, tgw stored, owner string) bool {
	arn := str(outputsOf(tgw), "arn")
	for _, ra := range c.ofType(shareResourceType) {
		in := inputsOf(ra)
		share := str(in, "resourceShareArn")
		if str(in, "resourceArn") != arn || accountInARN(share) != owner {
			continue
		}
		for _, pa := range c.ofType(sharePrincipalType) {
			pin := inputsOf(pa)
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
	if !ok || ownerOf(tgw) == str(outs, "vpcOwnerId") || str(inputsOf(tgw), "autoAcceptSharedAttachments") == "enable" {
		return attachmentAvailable
	}
	if _, accepted := c.get(attachmentAccepterType, att.ID); accepted {
		return attachmentAvailable
	}
	return attachmentPending
}

// Only the transit gateway's owner changes its route tables: to anyone else they do not exist
// (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-share.html). An attachment pending
// acceptance cannot be associated or propagated yet
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html).
func (p *Provider) refuseRouteTableLink(c *cloud, typ string, in resource.PropertyMap) error {
	op := map[string]string{tgwAssociationType: "AssociateTransitGatewayRouteTable",
		tgwPropagationType: "EnableTransitGatewayRouteTablePropagation", tgwRouteType: "CreateTransitGatewayRoute"}[typ]
	table := str(in, "transitGatewayRouteTableId")
	rt, ok := c.get(tgwRouteTableType, table)
	if !ok {
		return nil // not one the stand-in made: nothing to check it against
	}
	if tgw, ok := c.get(tgwType, str(inputsOf(rt), "transitGatewayId")); ok && ownerOf(tgw) != p.account {
		return refused(op, "InvalidRouteTableID.NotFound",
			"The transitGatewayRouteTable ID '%s' does not exist. (Account %s owns its transit gateway; account %s cannot change it.)",
			table, ownerOf(tgw), p.account)
	}
	if att, ok := c.get(attachmentType, str(in, "transitGatewayAttachmentId")); ok {
		if state := attachmentState(c, att); state != attachmentAvailable {
			return refused(op, "IncorrectState", "Transit Gateway Attachment %s is in invalid state %s: accept it first", att.ID, state)
		}
	}
	return nil
}

// The gateway's owner accepts an attachment pending acceptance
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html).
func (p *Provider) refuseAttachmentAccepter(c *cloud, self string, in resource.PropertyMap) error {
	const op = "AcceptTransitGatewayVpcAttachment"
	id := str(in, "transitGatewayAttachmentId")
	att, ok := c.get(attachmentType, id)
	var tgw stored
	if ok {
		tgw, ok = c.get(tgwType, str(outputsOf(att), "transitGatewayId"))
	}
	if !ok || ownerOf(tgw) != p.account {
		return refused(op, "InvalidTransitGatewayAttachmentID.NotFound", "Transit Gateway Attachment %s not found", id)
	}
	if state := attachmentState(c, att); self == "" && state != attachmentPending {
		return refused(op, "IncorrectState", "Transit Gateway Attachment %s is in invalid state %s: only an attachment pending acceptance can be accepted", id, state)
	}
	return nil
}

var organizationsARN = regexp.MustCompile(`^arn:[a-z-]+:organizations::[0-9]{12}:(organization|ou)/`)

// A share's owner adds resources it owns and principals to it
// (https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html): accounts,
// or, with sharing with AWS Organizations enabled, the organization or an OU; an account outside
// the organization only when the share allows external principals
// (https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs).
// The stand-in's organization has no OUs.
func (p *Provider) refuseShareAssociation(c *cloud, typ string, in resource.PropertyMap) error {
	const op = "AssociateResourceShare"
	shareArn := str(in, "resourceShareArn")
	share, ok := c.get(shareType, shareArn)
	if !ok || accountInARN(shareArn) != p.account {
		return refused(op, "UnknownResourceException", "ResourceShare %s could not be found.", shareArn)
	}
	if typ == shareResourceType {
		if resource := str(in, "resourceArn"); accountInARN(resource) != p.account {
			return refused(op, "UnknownResourceException", "Resource %s could not be found: account %s can only share its own resources.", resource, p.account)
		}
		return nil
	}
	principal := str(in, "principal")
	switch {
	case accountID.MatchString(principal):
		external := !p.org.together(p.account, principal)
		if allow := inputsOf(share)["allowExternalPrincipals"]; external && allow.IsBool() && !allow.BoolValue() {
			return refused(op, "OperationNotPermittedException",
				"The resource share %s does not allow external principals, and account %s is outside your organization", shareArn, principal)
		}
	case organizationsARN.MatchString(principal):
		if len(p.org.accounts) == 0 || !p.org.has(p.account) || principal != p.org.arn(PartitionOf(p.region).ID) {
			return refused(op, "UnknownResourceException",
				"Principal %s could not be found: sharing with an organization or OU needs this account's organization with sharing enabled (the stand-in plays one organization, %s, and no OUs)",
				principal, OrganizationEnv)
		}
	default:
		return refused(op, "InvalidParameterException", "Principal %s is not an account id or an organization or OU ARN", principal)
	}
	return nil
}

// An account outside the owner's organization accepts the invitation a share sent it; inside an
// organization with sharing enabled there is none
// (https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html).
func (p *Provider) refuseShareAccepter(c *cloud, in resource.PropertyMap) error {
	shareArn := str(in, "shareArn")
	if _, ok := c.get(shareType, shareArn); ok && !p.org.together(accountInARN(shareArn), p.account) {
		if _, invited := c.get(sharePrincipalType, shareArn+","+p.account); invited {
			return nil
		}
	}
	return refused("AcceptResourceShareInvitation", "ResourceShareInvitationArnNotFoundException",
		"No pending invitation to resource share %s for account %s", shareArn, p.account)
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
			if rin := inputsOf(ra); str(rin, "resourceShareArn") == shareArn {
				resources = append(resources, str(rin, "resourceArn"))
			}
		}
		set("invitationArn", s(fmt.Sprintf("arn:%s:ram:%s:%s:resource-share-invitation/%s",
			PartitionOf(p.region).ID, p.region, sender, hash(shareArn, p.account)[:32])))
		set("shareId", s(shareArn[strings.LastIndex(shareArn, "/")+1:]))
		set("status", s("ACCEPTED"))
		set("receiverAccountId", s(p.account))
		set("senderAccountId", s(sender))
		set("shareName", s(str(inputsOf(share), "name")))
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
		delete(c.Resources, key(attachmentAccepterType, id))
		for _, linkType := range []string{tgwAssociationType, tgwPropagationType} {
			for _, link := range c.ofType(linkType) {
				if str(inputsOf(link), "transitGatewayAttachmentId") == id {
					delete(c.Resources, key(linkType, link.ID))
				}
			}
		}
	case attachmentAccepterType:
		if _, ok := c.get(attachmentType, id); ok {
			delete(c.Resources, key(attachmentType, id))
			p.cascadeDelete(c, attachmentType, id)
		}
	case shareAccepterType:
		delete(c.Resources, key(sharePrincipalType, id))
	}
}
