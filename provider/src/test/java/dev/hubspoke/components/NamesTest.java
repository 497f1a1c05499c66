package dev.hubspoke.components;

import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamesTest {

    private static final Names NET = new Names("net", null);

    @Test
    void namesAreTheComponentNameTheRoleAndTheAzIndex() {
        assertEquals("net-vpc", NET.of("vpc"));
        assertEquals("net-tgw-rt-0", NET.of("tgw-rt", 0));
        assertEquals("net-nat-1", NET.of("nat", 1));
    }

    @Test
    void theNameTagIsAddedAfterTheUserTags() {
        var user = new LinkedHashMap<String, String>();
        user.put("team", "net");
        user.put("env", "prod");

        var merged = Names.merge(user, "net-vpc");

        assertEquals(List.of("team", "env", "Name"), List.copyOf(merged.keySet()));
        assertEquals(Map.of("team", "net", "env", "prod", "Name", "net-vpc"), merged);
    }

    @Test
    void aUserNameTagCannotOverrideTheResourceName() {
        assertEquals(Map.of("Name", "net-igw"), Names.merge(Map.of("Name", "mine"), "net-igw"));
    }

    @Test
    void missingUserTagsGiveOnlyTheNameTag() {
        assertEquals(Map.of("Name", "net-igw"), Names.merge(null, "net-igw"));
    }

    @Test
    void mergingLeavesTheUserTagsUntouched() {
        var user = new LinkedHashMap<String, String>(Map.of("Name", "mine"));

        Names.merge(user, "net-igw");

        assertEquals(Map.of("Name", "mine"), user);
    }

    @Test
    void tagsAreTheMergeAppliedToTheUserTagsOutput() {
        var merged = MockRunValue.of(() -> new Names("net", Output.of(Map.of("team", "net"))).tags("net-vpc"));

        assertEquals(Map.of("team", "net", "Name", "net-vpc"), merged);
    }
}
