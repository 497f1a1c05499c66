package dev.hubspoke.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Parsed arguments of the {@code plan} command. */
record PlanOptions(Path config, String name, boolean json, Optional<Path> export) {

    static final String USAGE = "usage: pulumi-resource-hubspoke plan CONFIG.yaml|CONFIG.json [--json] [--name NAME] [--export FILE]\n"
            + "  --export FILE  also write the resource graph as a stack export (made-up ids) for verify and diagram";
    static final String DEFAULT_NAME = "hubspoke";

    static PlanOptions parse(List<String> args) {
        Optional<Path> config = Optional.empty();
        String name = DEFAULT_NAME;
        boolean json = false;
        Optional<Path> export = Optional.empty();
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
                case "--export" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--export needs a file name");
                    }
                    export = Optional.of(Path.of(args.get(++i)));
                }
                default -> {
                    if (arg.startsWith("-") || config.isPresent()) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    config = Optional.of(Path.of(arg));
                }
            }
        }
        return new PlanOptions(config.orElseThrow(() -> new IllegalArgumentException("a CONFIG file is required")), name, json, export);
    }
}
