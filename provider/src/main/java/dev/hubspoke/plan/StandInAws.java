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
    public static final List<String> REGION_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d");
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

    /** Inputs each resource was registered with, by {@code type::name}. */
    private final Map<String, Map<String, Object>> inputs = new ConcurrentHashMap<>();
    /** The availability zone of each subnet created, by subnet id: what a firewall reports back. */
    private final Map<String, String> subnetZones = new ConcurrentHashMap<>();
    private final List<Invoke> invokes = new CopyOnWriteArrayList<>();
    /** Every resource answered, by {@code type::name}, for {@code plan --export}. */
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    /**
     * A resource as this stand-in answered it: the id it made up (none for a component) and the
     * outputs it returned, which are the inputs plus what AWS would add.
     */
    public record Registered(String type, String name, Optional<String> id, Map<String, Object> inputs,
                            Map<String, Object> outputs) {
    }

    public record Invoke(String token, Map<String, Object> args) {
    }

    /** The region the invokes answer for; its partition follows from it, as on AWS. */
    private final String region;

    /** Plays {@link #REGION}. */
    public StandInAws() {
        this(REGION);
    }

    /** Plays {@code region}: getRegion, getPartition and getServicePrincipal answer for it. */
    public StandInAws(String region) {
        this.region = region;
    }

    /**
     * The partition of a region and its DNS names: GovCloud and China are partitions of their own
     * (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
     */
    record Partition(String id, String dnsSuffix, String reverseDnsPrefix) {
        static Partition of(String region) {
            if (region.startsWith("us-gov-")) {
                return new Partition("aws-us-gov", "amazonaws.com", "com.amazonaws");
            }
            if (region.startsWith("cn-")) {
                return new Partition("aws-cn", "amazonaws.com.cn", "cn.com.amazonaws");
            }
            return new Partition("aws", "amazonaws.com", "com.amazonaws");
        }
    }

    /** The id this mock gives the resource {@code name} of {@code type}; Network Firewall's are arns. */
    public static String idOf(String type, String name) {
        return type.startsWith("aws:networkfirewall/") ? arnOf(type, name) : shortId(type, name);
    }

    /** The arn this mock gives the resource {@code name} of {@code type}. */
    public static String arnOf(String type, String name) {
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
        if (args.type.startsWith("hubspoke:")) {
            registered.put(args.type + "::" + args.name, new Registered(args.type, args.name, Optional.empty(), given, Map.of()));
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), Map.of()));
        }
        String id = idOf(args.type, args.name);
        var state = new LinkedHashMap<String, Object>(given);
        state.put("arn", arnOf(args.type, args.name));
        // Like AWS's provider: a namePrefix gets a unique suffix (here a fixed one, for stable tests).
        state.putIfAbsent("name", given.containsKey("namePrefix") ? given.get("namePrefix") + "0123456789" : args.name);
        switch (args.type) {
            case "aws:ec2/subnet:Subnet" -> subnetZones.put(id, String.valueOf(given.get("availabilityZone")));
            case "aws:ec2/eip:Eip" -> state.put("publicIp", "203.0.113." + (Math.abs(args.name.hashCode()) % 250 + 1));
            case "aws:ec2/instance:Instance" -> state.put("privateIp", "10.99.0." + (Math.abs(args.name.hashCode()) % 250 + 1));
            case "aws:networkfirewall/firewall:Firewall" -> state.put("firewallStatuses", firewallStatuses(given));
            default -> { }
        }
        registered.put(args.type + "::" + args.name, new Registered(args.type, args.name, Optional.of(id), given, state));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
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
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> Map.of(
                    "id", REGION,
                    "names", REGION_ZONES,
                    "zoneIds", List.of("use1-az1", "use1-az2", "use1-az4", "use1-az6"),
                    "groupNames", List.of(REGION),
                    "excludeNames", List.of(),
                    "excludeZoneIds", List.of(),
                    "filters", List.of(),
                    "state", "available");
            case "aws:index/getRegion:getRegion" -> Map.of(
                    "id", region,
                    "name", region,
                    "description", "stand-in region " + region,
                    "endpoint", "ec2." + region + "." + Partition.of(region).dnsSuffix());
            case "aws:index/getPartition:getPartition" -> Map.of(
                    "id", Partition.of(region).id(),
                    "partition", Partition.of(region).id(),
                    "dnsSuffix", Partition.of(region).dnsSuffix(),
                    "reverseDnsPrefix", Partition.of(region).reverseDnsPrefix());
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "id", ACCOUNT,
                    "accountId", ACCOUNT,
                    "arn", "arn:" + Partition.of(region).id() + ":iam::" + ACCOUNT + ":user/stand-in",
                    "userId", "AIDASTANDIN");
            // A simplification of AWS's table (some services keep amazonaws.com in aws-cn): the
            // partition's DNS suffix, which is what differs between the partitions tested here.
            case "aws:index/getServicePrincipal:getServicePrincipal" -> Map.of(
                    "id", given.get("serviceName") + "." + region,
                    "name", given.get("serviceName") + "." + Partition.of(region).dnsSuffix(),
                    "region", region,
                    "serviceName", String.valueOf(given.get("serviceName")),
                    "suffix", Partition.of(region).dnsSuffix());
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

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
