package standin

import (
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// What one account may not do with another's resources, as AWS refuses it when the call is made
// (the cross-account half of refuse in refusals.go).

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
	if tgw, ok := c.get(tgwType, str(c.inputsOrEmpty(rt), "transitGatewayId")); ok && ownerOf(tgw) != p.account {
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
		if allow := c.inputsOrEmpty(share)["allowExternalPrincipals"]; external && allow.IsBool() && !allow.BoolValue() {
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
