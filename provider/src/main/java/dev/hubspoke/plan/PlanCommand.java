package dev.hubspoke.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.hubspoke.cli.Cli;
import dev.hubspoke.components.HubAndSpoke;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.net.InvalidNetworkException;
import dev.hubspoke.schema.InputDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code plan CONFIG [--json] [--name NAME] [--export FILE]}: reads HubAndSpoke's inputs from a
 * YAML or JSON file and prints the address plan and the resource tree hubspoke would build, or the
 * validation error; with {@code --export}, also writes that tree as a stack export for
 * {@code verify} and {@code diagram}. No cloud call is made: the components run against an
 * in-process stand-in engine.
 */
@Command(name = "plan", description = "Print the address plan and the resource tree HubAndSpoke would build from CONFIG, or its validation"
                + " error. No cloud call is made: the component runs against an in-process stand-in of the engine and AWS.",
        exitCodeList = {"0:planned", "2:bad arguments, an unreadable CONFIG, or inputs HubAndSpoke refuses"})
public final class PlanCommand implements Callable<Integer> {

    static final String TYPE = "hubspoke:index:HubAndSpoke";
    static final int EXIT_INVALID = Cli.EXIT_USAGE;
    static final String DEFAULT_NAME = "hubspoke";
    private static final ObjectMapper EXPORT_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(paramLabel = "CONFIG", description = "HubAndSpoke's inputs as YAML or JSON (the properties of its schema entry)")
    Path config;

    @Option(names = "--json", description = "print the plan as JSON")
    boolean json;

    @Option(names = "--name", paramLabel = "NAME", description = "the component's resource name (default: ${DEFAULT-VALUE})")
    String name = DEFAULT_NAME;

    @Option(names = "--export", paramLabel = "FILE", description = "also write the resource graph as a stack export"
            + " (made-up ids) for verify and diagram")
    Optional<Path> export = Optional.empty();

    private final Cli.Streams streams;

    /** The command, writing to {@code streams}. */
    public PlanCommand(Cli.Streams streams) {
        this.streams = streams;
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        var streams = new Cli.Streams(InputStream.nullInputStream(), out, err);
        return Cli.run("plan", new PlanCommand(streams), args, streams);
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        PrintStream err = streams.err();
        JsonNode inputs;
        try {
            inputs = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(config));
        } catch (IOException unreadable) {
            err.println("error: cannot read " + config + ": " + unreadable.getMessage());
            return EXIT_INVALID;
        }
        if (inputs == null || inputs.isNull()) {
            inputs = new ObjectMapper().createObjectNode();
        }
        try {
            HubAndSpokeArgs hubAndSpoke = (HubAndSpokeArgs) InputDecoder.decodeJson(TYPE, name, inputs);
            var addressPlan = HubAndSpoke.addressPlan(name, hubAndSpoke);
            Blueprint blueprint = build(name, hubAndSpoke);
            Plan plan = Plan.of(name, hubAndSpoke, addressPlan, blueprint.tree());
            out.print(json ? plan.toJson() : plan.toText());
            if (export.isPresent()) {
                Path file = export.get();
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
            err.println("error: cannot write " + export.map(Path::toString).orElse("the export") + ": " + unwritable.getMessage());
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
