// Components that build an AWS hub-and-spoke network: a Transit Gateway hub, an inspection VPC with NAT gateways and AWS Network Firewall for centralized egress and east-west inspection, and spoke VPCs whose traffic all passes the inspection VPC.
package hubspoke
