package dev.hubspoke.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.net.InvalidNetworkException;
import dev.hubspoke.schema.InputDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad inputs a user program can send, taken the whole way the provider takes them: decoded
 * against schema.json, then constructed. Each gets exactly one error naming the component, the
 * property path, the value and the fix, and nothing at all is registered.
 */
class BadProgramInputTest {

    private static final String BLUEPRINT = "hubspoke:index:HubAndSpoke";
    private static final String SPOKE = "hubspoke:index:SpokeVpc";
    private static final String HUB_IDS = "\"transitGatewayId\": \"tgw-1\", \"spokeRouteTableId\": \"tgw-rtb-1\","
            + " \"inspectionRouteTableId\": \"tgw-rtb-2\"";

    record Case(String rule, String type, String inputs, String expectedStart, String expectedProblem) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("malformed CIDR", BLUEPRINT, "{\"inspectionCidrBlock\": \"10.129.0/24\"}",
                        "HubAndSpoke 'net': inspectionCidrBlock = 10.129.0/24: ", "IPv4 address"),
                new Case("spoke outside the supernet", BLUEPRINT,
                        "{\"spokes\": [{\"name\": \"a\", \"cidrBlock\": \"172.16.0.0/16\"}]}",
                        "HubAndSpoke 'net': spokes[0].cidrBlock = 172.16.0.0/16: ", "10.0.0.0/8"),
                new Case("two spokes overlapping", BLUEPRINT, "{\"spokes\": [{\"name\": \"a\", \"cidrBlock\": \"10.0.0.0/16\"},"
                        + " {\"name\": \"b\", \"cidrBlock\": \"10.0.128.0/17\"}]}",
                        "HubAndSpoke 'net': spokes[1].cidrBlock = 10.0.128.0/17: ", "overlaps spokes[0] (a) 10.0.0.0/16"),
                new Case("spoke overlapping the inspection VPC", BLUEPRINT,
                        "{\"spokes\": [{\"name\": \"a\", \"cidrBlock\": \"10.129.0.0/16\"}]}",
                        "HubAndSpoke 'net': spokes[0].cidrBlock = 10.129.0.0/16: ", "overlaps"),
                new Case("VPC mask wider than /16", SPOKE, "{\"cidrBlock\": \"10.0.0.0/12\", " + HUB_IDS + "}",
                        "SpokeVpc 'net': cidrBlock = 10.0.0.0/12: ", "/16"),
                new Case("VPC mask narrower than /28", SPOKE, "{\"cidrBlock\": \"10.0.0.0/29\", " + HUB_IDS + "}",
                        "SpokeVpc 'net': cidrBlock = 10.0.0.0/29: ", "/28"),
                new Case("subnet size that does not fit four AZ slots", SPOKE,
                        "{\"cidrBlock\": \"10.0.0.0/16\", \"workloadSubnetPrefixLength\": 17, " + HUB_IDS + "}",
                        "SpokeVpc 'net': workloadSubnetPrefixLength = 17: ", "no room"),
                new Case("azCount 0", BLUEPRINT, "{\"azCount\": 0}", "HubAndSpoke 'net': azCount = 0: ", "1"),
                new Case("azCount above the zones listed", BLUEPRINT,
                        "{\"availabilityZones\": [\"eu-west-1a\", \"eu-west-1b\"], \"azCount\": 3}",
                        "HubAndSpoke 'net': azCount = 3: ", "2"),
                new Case("duplicate spoke names", BLUEPRINT, "{\"spokes\": [{\"name\": \"a\", \"cidrBlock\": \"10.0.0.0/16\"},"
                        + " {\"name\": \"a\", \"cidrBlock\": \"10.1.0.0/16\"}]}",
                        "HubAndSpoke 'net': spokes[1].name = a: ", "spokes[0]"),
                new Case("invalid domain in allowedDomains", BLUEPRINT, "{\"allowedDomains\": [\"not a domain\"]}",
                        "HubAndSpoke 'net': allowedDomains[0] = not a domain: ", "domain"),
                new Case("unknown natGateways mode", BLUEPRINT, "{\"natGateways\": \"perRegion\"}",
                        "HubAndSpoke 'net': natGateways = perRegion: ", "perAz"),
                new Case("required property missing", SPOKE, "{" + HUB_IDS + "}",
                        "SpokeVpc 'net': cidrBlock: ", "required"),
                new Case("a number where a CIDR string belongs", BLUEPRINT, "{\"supernetCidrBlock\": 10}",
                        "HubAndSpoke 'net': supernetCidrBlock = 10: ", "CIDR string"));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadInputGetsOneClearErrorAndRegistersNothing(Case c) {
        var errors = new ArrayList<InvalidNetworkException>();
        var run = MockRun.of(ctx -> {
            try {
                ComponentCatalog.construct(c.type(), "net", InputDecoder.decodeJson(c.type(), "net", json(c.inputs())),
                        ComponentResourceOptions.Empty);
            } catch (InvalidNetworkException e) {
                errors.add(e);
            }
        });

        assertEquals(1, errors.size(), "errors: " + errors);
        String message = errors.get(0).getMessage();
        assertTrue(message.startsWith(c.expectedStart()), message);
        assertTrue(message.contains(c.expectedProblem()), message);
        assertTrue(message.contains(". Fix: "), message);
        assertEquals(List.of(), run.all(), "nothing may be registered");
    }
}
