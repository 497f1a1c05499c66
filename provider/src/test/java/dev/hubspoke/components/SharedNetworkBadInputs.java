package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.BadInputTest.Case;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.hubspoke.components.Fixtures.*;

/** The input rules of sharing across accounts, run by {@link BadInputTest} like every other rule. */
final class SharedNetworkBadInputs {

    private static final ComponentResourceOptions NONE = ComponentResourceOptions.Empty;

    private SharedNetworkBadInputs() {
    }

    private static Case bad(String rule, Runnable construct, String component, String path, String value,
                            String fix, String problem) {
        return new Case(rule, construct, component, path, value, fix, problem);
    }

    static Stream<Case> cases() {
        return Stream.of(
                bad("shareWith: an account id of 11 digits", () -> new Hub("hub", hub(List.of("11112222333"), false), NONE),
                        "Hub", "shareWith[0]", "11112222333", "12-digit account id", "is not an AWS account id"),
                bad("shareWith: an OU ARN without its organization", () -> new Hub("hub",
                                hub(List.of(ACCOUNT, "arn:aws:organizations::444455556666:ou/ou-ab12-cdef5678"), false), NONE),
                        "Hub", "shareWith[1]", "arn:aws:organizations::444455556666:ou/ou-ab12-cdef5678",
                        "organizational unit ARN", "organizational unit ARN or organization ARN"),
                bad("shareWith: a partition AWS does not have", () -> new Hub("hub",
                                hub(List.of(ORGANIZATION.replace("arn:aws:", "arn:aws-moon:")), false), NONE),
                        "Hub", "shareWith[0]", ORGANIZATION.replace("arn:aws:", "arn:aws-moon:"), "aws-us-gov",
                        "partition 'aws-moon', which AWS does not have"),
                bad("shareWith: an ARN of another partition than the Hub's", () -> new Hub("hub",
                                hub(List.of(OU.replace("arn:aws:", "arn:aws-cn:")), false), NONE),
                        "Hub", "shareWith[0]", OU.replace("arn:aws:", "arn:aws-cn:"), "arn:aws:organizations::",
                        "the Hub is deployed to 'aws'"),
                bad("shareWith: the same account twice", () -> new HubAndSpoke("net",
                                hubAndSpoke(List.of(APP), List.of(ACCOUNT, ACCOUNT), false), NONE),
                        "HubAndSpoke", "shareWith[1]", ACCOUNT, "each principal once", "repeats shareWith[0]"),

                bad("SpokeVpc: one of the two route table ids", () -> new SpokeVpc("team", new SpokeVpcArgs("10.7.0.0/16",
                                Output.of(TGW_ID), Optional.of(Output.of(SPOKE_RT_ID)), Optional.empty(), List.of(),
                                Optional.of(2), Optional.empty(), 28, false, false, 30, Output.of(TAGS), Map.of(),
                                Optional.empty()), NONE),
                        "SpokeVpc", "inspectionRouteTableId", null, "both route table ids", "is missing while spokeRouteTableId"),
                bad("SpokeVpc: a block the address book does not reserve for it", () -> new SpokeVpc("team",
                                sharedSpoke("10.8.0.0/16", List.of(), book("10.7.0.0/16"), "team"), NONE),
                        "SpokeVpc", "cidrBlock", "10.8.0.0/16", "set cidrBlock to 10.7.0.0/16",
                        "differs from the block the address book reserves for spoke 'team', 10.7.0.0/16"),
                bad("SpokeVpc: an entry the address book lacks", () -> new SpokeVpc("team",
                                sharedSpoke("10.7.0.0/16", List.of(), book("10.7.0.0/16"), "teem"), NONE),
                        "SpokeVpc", "addressBookEntry", "teem", "use one of team", "is not a spoke of the address book"),
                bad("SpokeVpc: an address book without the entry's name", () -> new SpokeVpc("team",
                                sharedSpoke("10.7.0.0/16", List.of(), book("10.7.0.0/16"), null), NONE),
                        "SpokeVpc", "addressBookEntry", null, "one of team", "is required with an addressBook"),
                bad("SpokeVpc: zones by name against an address book", () -> new SpokeVpc("team",
                                sharedSpoke("10.7.0.0/16", List.of("us-east-1a", "us-east-1b"), book("10.7.0.0/16"), "team"), NONE),
                        "SpokeVpc", "availabilityZones", "[us-east-1a, us-east-1b]", "leave availabilityZones out",
                        "differs from the address book's zones [use1-az1, use1-az2]"),
                bad("SpokeVpc: another Transit Gateway than the address book's", () -> new SpokeVpc("team",
                                new SpokeVpcArgs("10.7.0.0/16", Output.of("tgw-0other"), Optional.empty(), Optional.empty(),
                                        List.of(), Optional.empty(), Optional.empty(), 28, false, false, 30,
                                        Output.of(TAGS), book("10.7.0.0/16"), Optional.of("team")), NONE),
                        "SpokeVpc", "transitGatewayId", "tgw-0other", "the address book's transitGatewayId",
                        "differs from the address book's Transit Gateway " + TGW_ID),
                bad("zones mixing names and AZ IDs", () -> new SpokeVpc("team",
                                sharedSpoke("10.7.0.0/16", List.of("us-east-1a", "use1-az2"), Map.of(), null), NONE),
                        "SpokeVpc", "availabilityZones", "[us-east-1a, use1-az2]", "every zone by AZ ID",
                        "mixes AZ names and AZ IDs"),

                bad("an external spoke overlapping a local one", () -> new HubAndSpoke("net", hubAndSpoke(
                                List.of(APP, SpokeSpec.external("team", "10.0.128.0/17", Optional.empty(), Optional.empty())),
                                List.of(), false), NONE),
                        "HubAndSpoke", "spokes[1].cidrBlock", "10.0.128.0/17", "its own block", "overlaps spokes[0] (app)"),
                bad("an external spoke outside the supernet", () -> new HubAndSpoke("net", hubAndSpoke(
                                List.of(SpokeSpec.external("team", "172.16.0.0/16", Optional.empty(), Optional.empty())),
                                List.of(), false), NONE),
                        "HubAndSpoke", "spokes[0].cidrBlock", "172.16.0.0/16", "inside 10.0.0.0/8", "lies outside the supernet"),
                bad("a workload on an external spoke", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                new SpokeSpec("team", "10.1.0.0/16", true, Optional.empty(), Optional.empty(), true,
                                        Optional.empty(), Optional.empty())), List.of(), false), NONE),
                        "HubAndSpoke", "spokes[0].workload", "true", "SpokeWorkload", "this stack does not build"),
                bad("an attachmentId on a spoke this stack builds", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                new SpokeSpec("app", "10.0.0.0/16", false, Optional.empty(), Optional.empty(), false,
                                        Optional.of(Output.of(ATTACHMENT_ID)), Optional.empty())), List.of(), false), NONE),
                        "HubAndSpoke", "spokes[0].attachmentId", null, "set external: true", "whose attachment it makes itself"),
                bad("acceptAttachment without an attachmentId", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                SpokeSpec.external("team", "10.1.0.0/16", Optional.empty(), Optional.of(true))), List.of(), false), NONE),
                        "HubAndSpoke", "spokes[0].acceptAttachment", "true", "set attachmentId", "without an attachmentId"));
    }

    private static final SpokeSpec APP = new SpokeSpec("app", "10.0.0.0/16", false, false, Optional.empty());
}
