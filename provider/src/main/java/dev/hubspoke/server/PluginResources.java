package dev.hubspoke.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * What the provider says about itself, read from its own jar: the build version (Maven filters
 * it into {@code dev/hubspoke/version.properties}) and the package schema, served byte for byte
 * from {@code dev/hubspoke/schema/schema.json}.
 */
public final class PluginResources {

    static final String VERSION_RESOURCE = "dev/hubspoke/version.properties";
    static final String SCHEMA_RESOURCE = "dev/hubspoke/schema/schema.json";

    private final ClassLoader loader;

    PluginResources(ClassLoader loader) {
        this.loader = loader;
    }

    /** The resources of the jar this class was loaded from. */
    public static PluginResources ofThisJar() {
        return new PluginResources(PluginResources.class.getClassLoader());
    }

    /** The build version, e.g. {@code 0.2.0}. */
    public String version() {
        try (var in = open(VERSION_RESOURCE)) {
            var properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"))
                    .orElseThrow(() -> new IllegalStateException(VERSION_RESOURCE + " has no version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema, read on every call: GetSchema is rare and the text is large. */
    String schema() {
        try (var in = open(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(String name) {
        return Optional.ofNullable(loader.getResourceAsStream(name))
                .orElseThrow(() -> new IllegalStateException(name + " is missing from the provider's class path"));
    }
}
