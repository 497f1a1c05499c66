package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentCatalogTest {

    @Test
    void listsTheSevenTypeTokens() {
        assertEquals(List.of("hubspoke:index:Hub", "hubspoke:index:FirewallPolicy", "hubspoke:index:InspectionVpc",
                "hubspoke:index:SpokeVpc", "hubspoke:index:SpokeAttachment", "hubspoke:index:SpokeWorkload", "hubspoke:index:HubAndSpoke"),
                ComponentCatalog.types());
    }

    @Test
    void constructsTheComponentOfTheType() {
        var built = new AtomicReference<HubspokeComponent>();
        var run = MockRun.ok(ctx -> built.set(ComponentCatalog.construct("hubspoke:index:Hub", "hub",
                new HubArgs("d", 64512, Output.of(Map.of())), ComponentResourceOptions.Empty)));

        assertInstanceOf(Hub.class, built.get());
        assertEquals(Hub.TYPE, run.named("hub").type());
        assertEquals(List.of("transitGatewayId", "transitGatewayArn", "spokeRouteTableId", "inspectionRouteTableId"),
                List.copyOf(built.get().outputs().keySet()));
    }

    @Test
    void unknownTypesAndArgsOfTheWrongClassAreCallerBugs() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> ComponentCatalog.construct(
                "hubspoke:index:Nope", "x", null, ComponentResourceOptions.Empty));
        assertTrue(unknown.getMessage().contains("unknown component type hubspoke:index:Nope"));

        var wrongArgs = assertThrows(IllegalArgumentException.class, () -> ComponentCatalog.construct(
                "hubspoke:index:SpokeVpc", "x", "not args", ComponentResourceOptions.Empty));
        assertTrue(wrongArgs.getMessage().contains("takes SpokeVpcArgs"));
    }
}
