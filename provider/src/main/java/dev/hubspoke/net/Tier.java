package dev.hubspoke.net;

/** A subnet tier: one subnet per AZ, all sharing a role and a route table shape. */
public enum Tier {
    /** Inspection VPC: NAT gateways, default route to the internet gateway. */
    PUBLIC("public"),
    /** Inspection VPC: Network Firewall endpoints. */
    FIREWALL("firewall"),
    /** Both VPC kinds: the Transit Gateway attachment's network interfaces. */
    TGW("tgw"),
    /** Spoke VPC: workloads, default route to the Transit Gateway. */
    WORKLOAD("workload");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    /** Lower-case name used in resource names and the address plan, e.g. {@code tgw}. */
    public String label() {
        return label;
    }
}
