package dev.hubspoke.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Parsed arguments of the {@code plan} command. */
record PlanOptions(Path config, String name, boolean json) {

    static final String USAGE = "usage: pulumi-resource-hubspoke plan CONFIG.yaml|CONFIG.json [--json] [--name NAME]";
    static final String DEFAULT_NAME = "hubspoke";

    static PlanOptions parse(List<String> args) {
        Optional<Path> config = Optional.empty();
        String name = DEFAULT_NAME;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> json = true;
                case "--name" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--name needs a value");
                    }
                    name = args.get(++i);
                }
                default -> {
                    if (arg.startsWith("-") || config.isPresent()) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    config = Optional.of(Path.of(arg));
                }
            }
        }
        return new PlanOptions(config.orElseThrow(() -> new IllegalArgumentException("a CONFIG file is required")), name, json);
    }
}
