package dev.hubspoke.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.hubspoke.components.HubAndSpoke;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.net.InvalidNetworkException;
import dev.hubspoke.schema.InputDecoder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code plan CONFIG [--json] [--name NAME] [--export FILE]}: reads HubAndSpoke's inputs from a
 * YAML or JSON file and prints the address plan and the resource tree hubspoke would build, or the
 * validation error; with {@code --export}, also writes that tree as a stack export for
 * {@code verify} and {@code diagram}. No cloud call is made: the components run against an
 * in-process stand-in engine.
 */
public final class PlanCommand {

    static final String TYPE = "hubspoke:index:HubAndSpoke";
    static final int EXIT_INVALID = 2;
    private static final ObjectMapper EXPORT_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        PlanOptions options;
        try {
            options = PlanOptions.parse(args);
        } catch (IllegalArgumentException usage) {
            err.println("error: " + usage.getMessage());
            err.println(PlanOptions.USAGE);
            return EXIT_INVALID;
        }
        JsonNode config;
        try {
            config = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(options.config()));
        } catch (IOException unreadable) {
            err.println("error: cannot read " + options.config() + ": " + unreadable.getMessage());
            return EXIT_INVALID;
        }
        if (config == null || config.isNull()) {
            config = new ObjectMapper().createObjectNode();
        }
        try {
            HubAndSpokeArgs hubAndSpoke = (HubAndSpokeArgs) InputDecoder.decodeJson(TYPE, options.name(), config);
            var addressPlan = HubAndSpoke.addressPlan(options.name(), hubAndSpoke);
            Blueprint blueprint = build(options.name(), hubAndSpoke);
            Plan plan = Plan.of(options.name(), hubAndSpoke, addressPlan, blueprint.tree());
            out.print(options.json() ? plan.toJson() : plan.toText());
            if (options.export().isPresent()) {
                Path file = options.export().get();
                Files.writeString(file, EXPORT_JSON.writeValueAsString(blueprint.export()) + "\n");
                // stderr, so that --json output stays one JSON document
                err.println("wrote " + file + " (" + blueprint.tree().size() + " resources, made-up ids): check it with `verify "
                        + file + (hubAndSpoke.firewall() ? "" : " --no-firewall") + "`");
            }
            return 0;
        } catch (InvalidNetworkException invalid) {
            err.println("error: " + invalid.getMessage());
            return EXIT_INVALID;
        } catch (IOException unwritable) {
            err.println("error: cannot write " + options.export().map(Path::toString).orElse("the export") + ": " + unwritable.getMessage());
            return EXIT_INVALID;
        }
    }

    /** What running the component against the stand-in gives: its resource tree and that tree as a stack export. */
    record Blueprint(ResourceNode tree, ObjectNode export) {
    }

    /** Runs the HubAndSpoke constructor against the stand-in engine and returns what it built. */
    static Blueprint build(String name, HubAndSpokeArgs args) {
        var root = new Object() {
            HubAndSpoke component;
        };
        var aws = new StandInAws();
        try {
            TestResult result = PulumiTest.withMocks(aws)
                    .runTest(ctx -> root.component = new HubAndSpoke(name, args, ComponentResourceOptions.Empty));
            for (Exception e : result.exceptions()) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof InvalidNetworkException)) {
                    cause = cause.getCause();
                }
                if (cause != null) {
                    throw (InvalidNetworkException) cause;
                }
            }
            if (!result.exceptions().isEmpty() || !result.errors().isEmpty() || root.component == null) {
                throw new IllegalStateException("building the resource tree failed: " + result.errors() + " " + result.exceptions());
            }
            return new Blueprint(ResourceNode.of(root.component), BlueprintExport.of(root.component, aws));
        } finally {
            PulumiTest.cleanup();
        }
    }
}
