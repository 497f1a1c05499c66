package dev.hubspoke.components;

import com.pulumi.aws.networkfirewall.outputs.FirewallFirewallStatus;
import com.pulumi.aws.networkfirewall.outputs.FirewallFirewallStatusSyncState;
import com.pulumi.aws.networkfirewall.outputs.FirewallFirewallStatusSyncStateAttachment;

import java.util.List;

/**
 * Picks a Network Firewall's endpoint in one AZ from its {@code firewallStatuses}, the only place
 * AWS reports the endpoint ids. Used inside {@code applyValue} to map values, never to create.
 */
final class FirewallEndpoints {

    private FirewallEndpoints() {
    }

    /** The endpoint id in {@code zone}, from {@code firewallStatuses[].syncStates[].attachments[].endpointId}. */
    static String in(List<FirewallFirewallStatus> statuses, String zone) {
        return statuses.stream()
                .flatMap(status -> status.syncStates().stream())
                .filter(state -> state.availabilityZone().filter(zone::equals).isPresent())
                .map(FirewallFirewallStatusSyncState::attachments)
                .flatMap(List::stream)
                .map(FirewallFirewallStatusSyncStateAttachment::endpointId)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the Network Firewall reports no endpoint in availability zone " + zone));
    }
}
