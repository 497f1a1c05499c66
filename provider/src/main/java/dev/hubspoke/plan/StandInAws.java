package dev.hubspoke.plan;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for AWS, NOT AWS: it plays the cloud for the {@code plan} command and the component
 * tests, in process, through the Pulumi SDK's mock engine. AWS-shaped ids derived from the resource
 * name (so two runs give the same ids and a test can compute them), the outputs the components
 * read (arns, public and private IPs, a Network Firewall's per-AZ endpoints) and the invokes they
 * make. It never makes a network call.
 */
public final class StandInAws implements Mocks {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    /** The region's Availability Zones: the zones a lookup for usable zones finds, in this order. */
    public static final List<String> REGION_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d");
    private static final List<String> REGION_ZONE_IDS = List.of("use1-az1", "use1-az2", "use1-az4", "use1-az6");

    /**
     * One zone of the region, with the fields DescribeAvailabilityZones filters on. See
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html: an
     * Availability Zone's opt-in status is always {@code opt-in-not-required}; a Local Zone's or
     * Wavelength Zone's is {@code opted-in} or {@code not-opted-in}.
     */
    public record Zone(String name, String zoneId, String zoneType, String optInStatus, String groupName) {
    }

    /**
     * Besides its Availability Zones, the region holds what an account that opted in to some
     * Local and Wavelength Zones sees: AWS lists those among the available zones unless the
     * request filters them out, and they sort before {@code us-east-1a}, so a lookup without
     * the filters picks them first. One Local Zone is not opted in: only
     * {@code allAvailabilityZones} shows it.
     */
    private static final List<Zone> OTHER_ZONES = List.of(
            new Zone("us-east-1-bos-1a", "use1-bos1-az1", "local-zone", "opted-in", "us-east-1-bos-1"),
            new Zone("us-east-1-mia-1a", "use1-mia1-az1", "local-zone", "not-opted-in", "us-east-1-mia-1"),
            new Zone("us-east-1-wl1-bos-wlz-1", "use1-wl1-bos-wlz1", "wavelength-zone", "opted-in", "us-east-1-wl1"));
    public static final String AL2023_AMI = "ami-0a1b2c3d4e5f60718";

    private static final Map<String, String> ID_PREFIX = Map.ofEntries(
            Map.entry("aws:ec2/vpc:Vpc", "vpc"),
            Map.entry("aws:ec2/subnet:Subnet", "subnet"),
            Map.entry("aws:ec2/routeTable:RouteTable", "rtb"),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", "rtbassoc"),
            Map.entry("aws:ec2/route:Route", "r-rtb"),
            Map.entry("aws:ec2/internetGateway:InternetGateway", "igw"),
            Map.entry("aws:ec2/eip:Eip", "eipalloc"),
            Map.entry("aws:ec2/natGateway:NatGateway", "nat"),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", "sg"),
            Map.entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "sg"),
            Map.entry("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce"),
            Map.entry("aws:ec2/instance:Instance", "i"),
            Map.entry("aws:ec2/flowLog:FlowLog", "fl"),
            Map.entry("aws:ec2transitgateway/transitGateway:TransitGateway", "tgw"),
            Map.entry("aws:ec2transitgateway/routeTable:RouteTable", "tgw-rtb"),
            Map.entry("aws:ec2transitgateway/vpcAttachment:VpcAttachment", "tgw-attach"));

    private static final String RESOURCE_SHARE = "aws:ram/resourceShare:ResourceShare";

    /** Inputs each resource was registered with, by {@code type::name}. */
    private final Map<String, Map<String, Object>> inputs = new ConcurrentHashMap<>();
    /** The availability zone of each subnet created, by subnet id: what a firewall reports back. */
    private final Map<String, String> subnetZones = new ConcurrentHashMap<>();
    private final List<Invoke> invokes = new CopyOnWriteArrayList<>();
    /** The provider reference each resource and invoke was sent with, in order (an explicit provider's {@code urn::id}). */
    private final List<ProviderUse> providerUses = new CopyOnWriteArrayList<>();
    /** Every resource answered, by {@code type::name}, for {@code plan --export}. */
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    /**
     * A resource as this stand-in answered it: the id it made up (none for a component) and the
     * outputs it returned, which are the inputs plus what AWS would add.
     */
    public record Registered(String type, String name, Optional<String> id, Map<String, Object> inputs,
                            Map<String, Object> outputs) {
    }

    private final List<Zone> zones;

    /** The region with all of {@link #REGION_ZONES}. */
    public StandInAws() {
        this(REGION_ZONES.size());
    }

    /**
     * A region with only the first {@code availabilityZones} of {@link #REGION_ZONES} (and the
     * same Local and Wavelength Zones), e.g. to play a region with too few zones for a network.
     */
    public StandInAws(int availabilityZones) {
        this(REGION, availabilityZones);
    }

    /**
     * Plays {@code region} for getRegion, getPartition, getCallerIdentity and getServicePrincipal
     * (its partition follows from its name, as on AWS), with all of {@link #REGION_ZONES}: the zone
     * names stay us-east-1's, which no component compares with the region.
     */
    public StandInAws(String region) {
        this(region, REGION_ZONES.size());
    }

    private StandInAws(String regionName, int availabilityZones) {
        this.region = regionName;
        var region = new ArrayList<Zone>();
        for (int i = 0; i < availabilityZones; i++) {
            region.add(new Zone(REGION_ZONES.get(i), REGION_ZONE_IDS.get(i), "availability-zone",
                    "opt-in-not-required", REGION));
        }
        region.addAll(OTHER_ZONES);
        region.sort(java.util.Comparator.comparing(Zone::name));
        this.zones = List.copyOf(region);
    }

    public record Invoke(String token, Map<String, Object> args) {
    }

    /**
     * Which provider a resource registration or an invoke named: {@code what} is the resource's
     * {@code type::name} or the invoke's token; {@code provider} is empty for the default provider.
     */
    public record ProviderUse(String what, String provider) {
    }

    /** Every resource registration and invoke with the provider reference it carried. */
    public List<ProviderUse> providerUses() {
        return List.copyOf(providerUses);
    }

    /** The region the invokes answer for; its partition follows from it, as on AWS. */
    private final String region;

    /** The id this mock gives the resource {@code name} of {@code type}; Network Firewall's are arns. */
    public static String idOf(String type, String name) {
        return type.startsWith("aws:networkfirewall/") || type.equals(RESOURCE_SHARE) ? arnOf(type, name) : shortId(type, name);
    }

    /**
     * The arn this mock gives the resource {@code name} of {@code type}; a RAM resource share's is
     * {@code arn:aws:ram:<region>:<account>:resource-share/<id>}, as RAM writes it
     * (https://docs.aws.amazon.com/ram/latest/APIReference/API_ResourceShare.html).
     */
    public static String arnOf(String type, String name) {
        if (type.equals(RESOURCE_SHARE)) {
            return "arn:aws:ram:" + REGION + ":" + ACCOUNT + ":resource-share/" + hash(name);
        }
        return "arn:aws:" + type.split("[:/]")[1] + ":" + REGION + ":123456789012:" + name + "/" + shortId(type, name);
    }

    private static String shortId(String type, String name) {
        return ID_PREFIX.getOrDefault(type, "id") + "-" + hash(name);
    }

    /** The id of a Network Firewall endpoint in {@code zone}, as this mock reports it. */
    public static String endpointIn(String zone) {
        return "vpce-" + zone;
    }

    public Map<String, Object> inputsOf(String type, String name) {
        return inputs.getOrDefault(type + "::" + name, Map.of());
    }

    /** The resource {@code name} of {@code type}, if it was registered. */
    public Optional<Registered> registered(String type, String name) {
        return Optional.ofNullable(registered.get(type + "::" + name));
    }

    public List<Invoke> invokes() {
        return List.copyOf(invokes);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> given = args.inputs == null ? Map.of() : args.inputs;
        inputs.put(args.type + "::" + args.name, given);
        providerUses.add(new ProviderUse(args.type + "::" + args.name, args.provider == null ? "" : args.provider));
        if (args.type.startsWith("hubspoke:")) {
            registered.put(args.type + "::" + args.name, new Registered(args.type, args.name, Optional.empty(), given, Map.of()));
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), Map.of()));
        }
        var refusal = Refusals.of(args.type, given, subnetZones::get, zoneTypes());
        if (refusal.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalStateException("stand-in AWS (NOT AWS) refused creating "
                    + args.type + " '" + args.name + "': " + refusal.get()));
        }
        String id = switch (args.type) {
            // The accepter's id is the attachment's, and an association's is its two halves, as
            // the aws provider reports them.
            case "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter" ->
                    String.valueOf(given.get("transitGatewayAttachmentId"));
            case "aws:ram/resourceAssociation:ResourceAssociation" ->
                    given.get("resourceShareArn") + "," + given.get("resourceArn");
            case "aws:ram/principalAssociation:PrincipalAssociation" ->
                    given.get("resourceShareArn") + "," + given.get("principal");
            default -> idOf(args.type, args.name);
        };
        var state = new LinkedHashMap<String, Object>(given);
        state.put("arn", arnOf(args.type, args.name));
        // Like AWS's provider: a namePrefix gets a unique suffix (here a fixed one, for stable tests).
        state.putIfAbsent("name", given.containsKey("namePrefix") ? given.get("namePrefix") + "0123456789" : args.name);
        switch (args.type) {
            case "aws:ec2/subnet:Subnet" -> {
                var zone = zoneOf(given);
                state.put("availabilityZone", zone.name());
                state.put("availabilityZoneId", zone.zoneId());
                subnetZones.put(id, zone.name());
            }
            case "aws:ec2/eip:Eip" -> state.put("publicIp", "203.0.113." + (Math.abs(args.name.hashCode()) % 250 + 1));
            case "aws:ec2/instance:Instance" -> state.put("privateIp", "10.99.0." + (Math.abs(args.name.hashCode()) % 250 + 1));
            case "aws:networkfirewall/firewall:Firewall" -> state.put("firewallStatuses", firewallStatuses(given));
            default -> { }
        }
        registered.put(args.type + "::" + args.name, new Registered(args.type, args.name, Optional.of(id), given, state));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /**
     * The zone a subnet asks for, by name or by AZ ID. A zone this stand-in does not play (plan
     * runs on blueprints for any region) is taken as given, with an AZ ID made up from its name
     * in AWS's shape ({@code us-gov-west-1a} -> {@code usgw1-az1}) or a name from its AZ ID.
     */
    private Zone zoneOf(Map<String, Object> given) {
        Object name = given.get("availabilityZone");
        Object zoneId = given.get("availabilityZoneId");
        return zones.stream()
                .filter(z -> z.name().equals(name) || z.zoneId().equals(zoneId))
                .findFirst()
                .orElseGet(() -> name != null
                        ? new Zone(String.valueOf(name), madeUpZoneId(String.valueOf(name)), "availability-zone",
                                "opt-in-not-required", String.valueOf(name))
                        : new Zone(String.valueOf(zoneId), String.valueOf(zoneId), "availability-zone",
                                "opt-in-not-required", String.valueOf(zoneId)));
    }

    /** {@code us-gov-west-1a} -> {@code usgw1-az1}: the region's parts' initials (the first one whole), its number, the letter's place. */
    static String madeUpZoneId(String zoneName) {
        var m = java.util.regex.Pattern.compile("([a-z]+)((?:-[a-z]+)*)-(\\d+)([a-z])").matcher(zoneName);
        if (!m.matches()) {
            return zoneName + "-id";
        }
        var initials = new StringBuilder(m.group(1));
        for (String part : m.group(2).split("-")) {
            if (!part.isEmpty()) {
                initials.append(part.charAt(0));
            }
        }
        return initials + m.group(3) + "-az" + (m.group(4).charAt(0) - 'a' + 1);
    }

    /** The type of each zone of the played region, by name. */
    private Map<String, String> zoneTypes() {
        var types = new LinkedHashMap<String, String>();
        zones.forEach(zone -> types.put(zone.name(), zone.zoneType()));
        return types;
    }

    /** One sync state per subnet mapping, carrying that subnet's AZ and the endpoint {@code vpce-<az>}. */
    private List<Object> firewallStatuses(Map<String, Object> given) {
        var syncStates = new ArrayList<Object>();
        for (Object mapping : (List<?>) given.getOrDefault("subnetMappings", List.of())) {
            String subnetId = String.valueOf(((Map<?, ?>) mapping).get("subnetId"));
            String zone = subnetZones.get(subnetId);
            syncStates.add(Map.of(
                    "availabilityZone", zone,
                    "attachments", List.of(Map.of("subnetId", subnetId, "endpointId", endpointIn(zone)))));
        }
        return List.of(Map.of("syncStates", syncStates));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> given = args.args == null ? Map.of() : new HashMap<>(args.args);
        invokes.add(new Invoke(args.token, given));
        providerUses.add(new ProviderUse(args.token, args.provider == null ? "" : args.provider));
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> availabilityZones(given);
            case "aws:index/getRegion:getRegion" -> Map.of(
                    "id", region,
                    "name", region,
                    "description", "stand-in region " + region,
                    "endpoint", "ec2." + region + "." + AwsPartition.of(region).dnsSuffix());
            case "aws:index/getPartition:getPartition" -> Map.of(
                    "id", AwsPartition.of(region).id(),
                    "partition", AwsPartition.of(region).id(),
                    "dnsSuffix", AwsPartition.of(region).dnsSuffix(),
                    "reverseDnsPrefix", AwsPartition.of(region).reverseDnsPrefix());
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "id", ACCOUNT,
                    "accountId", ACCOUNT,
                    "arn", "arn:" + AwsPartition.of(region).id() + ":iam::" + ACCOUNT + ":user/stand-in",
                    "userId", "AIDASTANDIN");
            // A simplification of AWS's table (some services keep amazonaws.com in aws-cn): the
            // partition's DNS suffix, which is what differs between the partitions tested here.
            case "aws:index/getServicePrincipal:getServicePrincipal" -> Map.of(
                    "id", given.get("serviceName") + "." + region,
                    "name", given.get("serviceName") + "." + AwsPartition.of(region).dnsSuffix(),
                    "region", region,
                    "serviceName", String.valueOf(given.get("serviceName")),
                    "suffix", AwsPartition.of(region).dnsSuffix());
            case "aws:ssm/getParameter:getParameter" -> Map.of(
                    "id", String.valueOf(given.get("name")),
                    "arn", "arn:aws:ssm:" + REGION + "::parameter" + given.get("name"),
                    "name", String.valueOf(given.get("name")),
                    "type", "String",
                    "value", AL2023_AMI,
                    "insecureValue", AL2023_AMI,
                    "version", 1);
            default -> throw new IllegalArgumentException("the stand-in AWS does not answer the invoke " + args.token);
        };
        return CompletableFuture.completedFuture(result);
    }

    /**
     * The zones the request selects, the way DescribeAvailabilityZones selects them
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html):
     * zones not opted in only with {@code allAvailabilityZones}; every filter must match (any of
     * its values); an unknown filter name is refused, as AWS refuses it. Every zone here is
     * {@code available}.
     */
    private Map<String, Object> availabilityZones(Map<String, Object> given) {
        boolean all = Boolean.TRUE.equals(given.get("allAvailabilityZones"));
        Object state = given.get("state");
        List<?> filters = (List<?>) given.getOrDefault("filters", List.of());
        List<?> excludeNames = (List<?>) given.getOrDefault("excludeNames", List.of());
        List<?> excludeZoneIds = (List<?>) given.getOrDefault("excludeZoneIds", List.of());
        var selected = zones.stream()
                .filter(zone -> all || !zone.optInStatus().equals("not-opted-in"))
                .filter(zone -> state == null || "available".equals(state))
                .filter(zone -> filters.stream().allMatch(filter -> matches(zone, (Map<?, ?>) filter)))
                .filter(zone -> !excludeNames.contains(zone.name()) && !excludeZoneIds.contains(zone.zoneId()))
                .toList();
        var result = new LinkedHashMap<String, Object>();
        result.put("id", REGION);
        result.put("names", selected.stream().map(Zone::name).toList());
        result.put("zoneIds", selected.stream().map(Zone::zoneId).toList());
        result.put("groupNames", selected.stream().map(Zone::groupName).distinct().sorted().toList());
        result.put("excludeNames", excludeNames);
        result.put("excludeZoneIds", excludeZoneIds);
        result.put("filters", filters);
        if (state != null) {
            result.put("state", state);
        }
        if (given.containsKey("allAvailabilityZones")) {
            result.put("allAvailabilityZones", all);
        }
        return result;
    }

    private static boolean matches(Zone zone, Map<?, ?> filter) {
        String name = String.valueOf(filter.get("name"));
        String field = switch (name) {
            case "zone-type" -> zone.zoneType();
            case "opt-in-status" -> zone.optInStatus();
            case "zone-name" -> zone.name();
            case "zone-id" -> zone.zoneId();
            case "group-name" -> zone.groupName();
            case "region-name" -> REGION;
            case "state" -> "available";
            default -> throw new IllegalArgumentException(
                    "the stand-in AWS refuses the getAvailabilityZones filter '" + name + "', as AWS does");
        };
        return ((List<?>) filter.get("values")).contains(field);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
