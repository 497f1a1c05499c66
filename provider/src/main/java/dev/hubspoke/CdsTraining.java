package dev.hubspoke;

import dev.hubspoke.plan.PlanCommand;
import dev.hubspoke.server.ProviderMode;
import dev.hubspoke.server.TrainingEngine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's class-data-sharing training run ({@code cds-training}): plans the seed network
 * (the classes of {@code plan}), then starts as a provider the way the engine starts one and, before
 * printing its port, is sent by an in-process engine ({@link TrainingEngine}) what {@code pulumi
 * preview} and {@code pulumi up} send: plugin info, schema, config and a Construct of the seed
 * network (HubAndSpoke with its defaults), once as a preview and once as an update, over gRPC. The
 * launcher stops it once the port is printed, and the JVM archives every class loaded on the way:
 * the server's, the SDK's deployment, gRPC's client side and the components'. Without this each
 * provider's first Construct would load and verify those classes again.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    static int run() throws IOException, InterruptedException {
        Path config = Files.createTempFile("hubspoke-cds-training", ".yaml");
        try (var discard = new PrintStream(OutputStream.nullOutputStream())) {
            Files.writeString(config, "{}\n");
            PlanCommand.run(List.of(config.toString()), discard, discard);
        } finally {
            Files.deleteIfExists(config);
        }
        try (var engine = TrainingEngine.start()) {
            return ProviderMode.run(server -> System.err.println(engine.previewAndUpdate(server.port())),
                    engine.address());
        }
    }
}
