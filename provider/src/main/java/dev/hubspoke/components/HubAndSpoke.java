package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.net.Overlaps;
import dev.hubspoke.net.SubnetPlan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code hubspoke:index:HubAndSpoke}: the whole network from one configuration. It checks the
 * inputs of every child it will build (each VPC's plan, every spoke inside the supernet, no two
 * VPCs overlapping, ...) before registering anything, then builds, with itself as parent: the
 * {@link Hub} ({@code <name>-hub}), the {@link FirewallPolicy} ({@code <name>-policy}, with
 * {@code firewall}), the {@link InspectionVpc} ({@code <name>-inspection}), and per spoke a
 * {@link SpokeVpc} ({@code <name>-<spoke>}) and, with {@code workload}, a {@link SpokeWorkload}
 * ({@code <name>-<spoke>-workload}) in the spoke's first workload subnet. An external spoke is
 * built in another stack: its block is part of the checked address plan and of the
 * {@code addressBook} output, and with an {@code attachmentId} a {@link SpokeAttachment}
 * ({@code <name>-<spoke>}) wires its attachment on the hub.
 */
public final class HubAndSpoke extends BaseComponent {

    public static final String TYPE = "hubspoke:index:HubAndSpoke";

    /** Lower-case letters, digits and hyphens, not starting or ending with a hyphen; at most 32. */
    static final Pattern SPOKE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    /** Spoke names that would read like the hub's own children ({@code <name>-hub}, ...). */
    static final Set<String> RESERVED_SPOKE_NAMES = Set.of("hub", "policy", "inspection");

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(String supernet, String inspectionCidr, List<SpokeSpec> spokes, List<String> allowedDomains,
                List<String> statefulRules, int amazonSideAsn, Map<String, SubnetPlan> addressPlan, Zones zones,
                List<SharePrincipal> shareWith) {

        /** This plan with the zone names known: listed, or looked up once for every child. */
        Plan resolved(Reporter r, ComponentResourceOptions options) {
            return new Plan(supernet, inspectionCidr, spokes, allowedDomains, statefulRules, amazonSideAsn,
                    addressPlan, zones.resolved(r, options), shareWith);
        }
    }

    /**
     * The subnets of every VPC this component would build, keyed {@code inspection} then each
     * spoke's name, after the same checks the constructor runs. Registers nothing.
     *
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input
     */
    public static Map<String, SubnetPlan> addressPlan(String name, HubAndSpokeArgs args) {
        return plan(Reporter.of("HubAndSpoke", name), args).addressPlan();
    }

    /**
     * @param name    the component's resource name; children are named {@code <name>-hub}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public HubAndSpoke(String name, HubAndSpokeArgs args, ComponentResourceOptions options) {
        this(name, checked(Reporter.of("HubAndSpoke", name), args, options), args, options);
    }

    private HubAndSpoke(String name, Plan plan, HubAndSpokeArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());
        var tags = Defaults.tags(args.tags());
        int retention = args.logRetentionDays();
        // Every child gets the zones by name: looked up once here, before anything was registered.
        List<String> zones = plan.zones().names();

        var hub = new Hub(scope.name("hub"), new HubArgs(Defaults.HUB_DESCRIPTION, plan.amazonSideAsn(), tags,
                args.shareWith(), args.autoAcceptSharedAttachments()), scope.componentOptions());
        Optional<FirewallPolicy> policy = args.firewall()
                ? Optional.of(new FirewallPolicy(scope.name("policy"), new FirewallPolicyArgs(plan.supernet(),
                        plan.allowedDomains(), true, true, plan.statefulRules(), tags, args.allowPublicSupernet()), scope.componentOptions()))
                : Optional.empty();
        var inspection = new InspectionVpc(scope.name("inspection"), new InspectionVpcArgs(
                plan.inspectionCidr(), plan.supernet(),
                hub.transitGatewayId(), hub.spokeRouteTableId(), hub.inspectionRouteTableId(),
                zones, Optional.of(zones.size()),
                Defaults.or(args.natGateways(), Defaults.NAT_GATEWAYS),
                policy.map(FirewallPolicy::arn),
                args.firewallLogging(), args.flowLogs(), retention, tags, args.allowPublicSupernet()),
                scope.componentOptions());

        var spokeNames = new ArrayList<String>();
        var vpcIds = new ArrayList<Output<String>>();
        var subnetIds = new ArrayList<Output<List<String>>>();
        var attachmentIds = new ArrayList<Output<String>>();
        var attachedNames = new ArrayList<String>();
        var workloadNames = new ArrayList<String>();
        var instanceIds = new ArrayList<Output<String>>();
        var privateIps = new ArrayList<Output<String>>();
        for (SpokeSpec spoke : plan.spokes()) {
            if (spoke.external()) {
                spoke.attachmentId().ifPresent(id -> attachmentIds.add(new SpokeAttachment(scope.name(spoke.name()),
                        new SpokeAttachmentArgs(id, hub.spokeRouteTableId(), hub.inspectionRouteTableId(),
                                spoke.accepts(args.autoAcceptSharedAttachments()), tags),
                        scope.componentOptions()).transitGatewayAttachmentId()));
                spoke.attachmentId().ifPresent(id -> attachedNames.add(spoke.name()));
                continue;
            }
            var vpc = new SpokeVpc(scope.name(spoke.name()), new SpokeVpcArgs(
                    spoke.cidrBlock(), hub.transitGatewayId(), hub.spokeRouteTableId(), hub.inspectionRouteTableId(),
                    zones, Optional.of(zones.size()), workloadPrefix(spoke),
                    Defaults.TGW_SUBNET_PREFIX_LENGTH, spoke.wantsSsmEndpoints(), args.flowLogs(), retention, tags),
                    scope.componentOptions());
            spokeNames.add(spoke.name());
            vpcIds.add(vpc.vpcId());
            subnetIds.add(vpc.workloadSubnetIds());
            attachmentIds.add(vpc.transitGatewayAttachmentId());
            attachedNames.add(spoke.name());
            if (spoke.workload()) {
                var workload = new SpokeWorkload(scope.name(spoke.name() + "-workload"), new SpokeWorkloadArgs(
                        vpc.vpcId(), vpc.firstWorkloadSubnetId(),
                        Defaults.INSTANCE_TYPE, Optional.empty(), tags), scope.componentOptions());
                workloadNames.add(spoke.name());
                instanceIds.add(workload.instanceId());
                privateIps.add(workload.privateIp());
            }
        }

        var out = new LinkedHashMap<String, Output<?>>();
        out.put("transitGatewayId", hub.transitGatewayId());
        out.put("spokeRouteTableId", hub.spokeRouteTableId());
        out.put("inspectionRouteTableId", hub.inspectionRouteTableId());
        out.put("inspectionVpcId", inspection.vpcId());
        out.put("natPublicIps", inspection.natPublicIps());
        out.put("spokeVpcIds", byName(spokeNames, vpcIds));
        out.put("spokeWorkloadSubnetIds", byName(spokeNames, subnetIds));
        out.put("spokeAttachmentIds", byName(attachedNames, attachmentIds));
        out.put("workloadInstanceIds", byName(workloadNames, instanceIds));
        out.put("workloadPrivateIps", byName(workloadNames, privateIps));
        inspection.firewallArn().ifPresent(arn -> out.put("firewallArn", arn));
        policy.ifPresent(p -> out.put("firewallPolicyArn", p.arn()));
        hub.resourceShareArn().ifPresent(arn -> out.put("resourceShareArn", arn));
        out.put("addressBook", addressBook(plan, hub, inspection));
        publish(out);
    }

    /**
     * Per spoke, local and external: its block, the hub's zones by AZ ID (names differ between
     * accounts, IDs do not) and the ids a spoke stack needs (see {@link AddressBookEntry}).
     */
    private static Output<Map<String, Map<String, Object>>> addressBook(Plan plan, Hub hub, InspectionVpc inspection) {
        Output<Optional<String>> share = hub.resourceShareArn().map(arn -> arn.applyValue(Optional::of))
                .orElse(Output.of(Optional.empty()));
        return Output.tuple(hub.transitGatewayId(), inspection.availabilityZoneIds(), share).applyValue(t -> {
            var book = new LinkedHashMap<String, Map<String, Object>>();
            for (SpokeSpec spoke : plan.spokes()) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("cidrBlock", plan.addressPlan().get(spoke.name()).vpc().toString());
                entry.put("availabilityZoneIds", t.t2);
                entry.put("transitGatewayId", t.t1);
                t.t3.ifPresent(arn -> entry.put("resourceShareArn", arn));
                book.put(spoke.name(), entry);
            }
            return book;
        });
    }

    /** {@link #plan}, then the zones looked up if none were listed: all before anything is registered. */
    private static Plan checked(Reporter r, HubAndSpokeArgs args, ComponentResourceOptions options) {
        var plan = plan(r, args);
        Hub.checkPartition(r, plan.shareWith(), options);
        return plan.resolved(r, options);
    }

    /**
     * Checks the inputs of every child with the children's own checks, reported against this
     * component's property paths, and the rules only the whole network can check: spoke names,
     * every spoke inside the supernet, no two VPCs overlapping.
     */
    static Plan plan(Reporter r, HubAndSpokeArgs args) {
        String supernetText = Defaults.or(args.supernetCidrBlock(), Defaults.SUPERNET_CIDR_BLOCK);
        Cidr supernet = Checks.supernet(r, supernetText, args.allowPublicSupernet());
        String inspectionText = Defaults.or(args.inspectionCidrBlock(), Defaults.INSPECTION_CIDR_BLOCK);
        var inspection = InspectionVpc.plan(r.renaming(Map.of("cidrBlock", "inspectionCidrBlock")),
                inspectionText, supernetText, args.allowPublicSupernet(), args.availabilityZones(), args.azCount(),
                args.logRetentionDays());

        List<SpokeSpec> spokes = Defaults.or(args.spokes(), Defaults.SPOKES);
        var addressPlan = new LinkedHashMap<String, SubnetPlan>();
        addressPlan.put("inspection", inspection.subnets());
        var blocks = new ArrayList<Cidr>(List.of(inspection.subnets().vpc()));
        var names = new ArrayList<String>();
        for (int i = 0; i < spokes.size(); i++) {
            String at = "spokes[" + i + "]";
            SpokeSpec spoke = spokes.get(i);
            if (spoke == null) {
                throw r.fail(at, null, "is empty", "give the spoke a name and a cidrBlock");
            }
            spokeName(r, at, spoke.name(), names);
            externalSpoke(r, at, spoke);
            var sr = r.renaming(Map.of(
                    "cidrBlock", at + ".cidrBlock",
                    "workloadSubnetPrefixLength", at + ".workloadSubnetPrefixLength"));
            Cidr cidr = Checks.vpcCidr(sr, "cidrBlock", spoke.cidrBlock());
            Checks.inside(sr, "cidrBlock", cidr, supernet);
            blocks.add(cidr);
            Overlaps.first(blocks).ifPresent(pair -> {
                throw sr.fail("cidrBlock", cidr, "overlaps " + describe(pair.earlier(), blocks, spokes),
                        "give every VPC of the network its own block inside " + supernet);
            });
            var spokePlan = SpokeVpc.plan(sr, spoke.cidrBlock(), args.availabilityZones(), args.azCount(),
                    spoke.workloadSubnetPrefixLength(), Defaults.TGW_SUBNET_PREFIX_LENGTH, args.logRetentionDays());
            addressPlan.put(spoke.name(), spokePlan.subnets());
            names.add(spoke.name());
        }

        var policy = FirewallPolicy.plan(r, supernetText, args.allowPublicSupernet(), args.allowedDomains(), true, true,
                args.statefulRules());
        var hub = Hub.plan(r, Defaults.HUB_DESCRIPTION, args.amazonSideAsn(), args.shareWith());
        return new Plan(supernet.toString(), inspection.subnets().vpc().toString(), List.copyOf(spokes),
                policy.allowedDomains(), policy.statefulRules(), hub.amazonSideAsn(), Collections.unmodifiableMap(addressPlan),
                inspection.zones(), hub.shareWith());
    }

    /** What only a spoke built here, or only an external one, may set. */
    private static void externalSpoke(Reporter r, String at, SpokeSpec spoke) {
        if (spoke.external()) {
            if (spoke.workload()) {
                throw r.fail(at + ".workload", true, "is set on an external spoke, which this stack does not build",
                        "launch the probe in the spoke's own stack (SpokeWorkload), or set external: false");
            }
            if (spoke.ssmEndpoints().isPresent()) {
                throw r.fail(at + ".ssmEndpoints", spoke.ssmEndpoints().get(),
                        "is set on an external spoke, which this stack does not build",
                        "set ssmEndpoints on the SpokeVpc in the spoke's own stack, and leave it out here");
            }
            if (spoke.acceptAttachment().isPresent() && spoke.attachmentId().isEmpty()) {
                throw r.fail(at + ".acceptAttachment", spoke.acceptAttachment().get(), "is set without an attachmentId",
                        "set attachmentId to the spoke stack's transitGatewayAttachmentId output, or leave acceptAttachment out");
            }
            return;
        }
        if (spoke.attachmentId().isPresent()) {
            throw r.fail(at + ".attachmentId", null, "is set on a spoke this stack builds, whose attachment it makes itself",
                    "set external: true if the spoke is built in another stack, or leave attachmentId out");
        }
        if (spoke.acceptAttachment().isPresent()) {
            throw r.fail(at + ".acceptAttachment", spoke.acceptAttachment().get(),
                    "is set on a spoke this stack builds", "leave acceptAttachment out, or set external: true");
        }
    }

    private static void spokeName(Reporter r, String at, String name, List<String> earlier) {
        if (name == null || !SPOKE_NAME.matcher(name).matches()) {
            throw r.fail(at + ".name", name, "is not a spoke name",
                    "use 1 to 32 lower-case letters, digits and hyphens, not starting or ending with a hyphen");
        }
        if (RESERVED_SPOKE_NAMES.contains(name)) {
            throw r.fail(at + ".name", name, "is reserved for the hub's own parts",
                    "choose a name other than " + String.join(", ", new TreeSet<>(RESERVED_SPOKE_NAMES)));
        }
        int same = earlier.indexOf(name);
        if (same >= 0) {
            throw r.fail(at + ".name", name, "repeats the name of spokes[" + same + "]",
                    "give every spoke its own name");
        }
    }

    /** Block 0 is the inspection VPC, block i + 1 is spokes[i]. */
    private static String describe(int block, List<Cidr> blocks, List<SpokeSpec> spokes) {
        if (block == 0) {
            return "the inspection VPC (inspectionCidrBlock) " + blocks.get(0);
        }
        int spoke = block - 1;
        return "spokes[" + spoke + "] (" + spokes.get(spoke).name() + ") " + blocks.get(block);
    }

    private static Optional<Integer> workloadPrefix(SpokeSpec spoke) {
        return spoke.workloadSubnetPrefixLength() == null ? Optional.empty() : spoke.workloadSubnetPrefixLength();
    }

    /** {@code names[i] -> values[i]}, in input order. */
    private static <T> Output<Map<String, T>> byName(List<String> names, List<Output<T>> values) {
        return Output.all(values).applyValue(resolved -> {
            var map = new LinkedHashMap<String, T>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), resolved.get(i));
            }
            return map;
        });
    }
}
