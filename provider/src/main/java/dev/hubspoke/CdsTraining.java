package dev.hubspoke;

import dev.hubspoke.plan.PlanCommand;
import dev.hubspoke.server.ProviderMode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's class-data-sharing training run ({@code cds-training ENGINE}): loads the classes
 * a Construct needs by planning the seed network (HubAndSpoke with its defaults, through the same
 * components, SDK and aws classes), then runs as a provider so the server's classes load too. The
 * launcher stops it once the port is printed, and the JVM archives every class loaded on the way.
 * Without this the archive would cover start-up only, and each provider's first Construct would
 * load and verify thousands of classes again.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    static int run(String... args) throws IOException, InterruptedException {
        Path config = Files.createTempFile("hubspoke-cds-training", ".yaml");
        try (var discard = new PrintStream(OutputStream.nullOutputStream())) {
            Files.writeString(config, "{}\n");
            PlanCommand.run(List.of(config.toString()), discard, discard);
        } finally {
            Files.deleteIfExists(config);
        }
        return ProviderMode.run(args);
    }
}
