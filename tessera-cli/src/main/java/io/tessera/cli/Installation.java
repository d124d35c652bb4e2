package io.tessera.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the built Tessera lives: the source checkout whose modules' {@code target} folders hold
 * each node's jar and its {@code lib} folder of dependencies. Immutable.
 */
public record Installation(Path home) {
    /** From the {@code tessera.home} system property that bin/tessera and the tests set. */
    public static Installation fromSystemProperty() {
        String home = System.getProperty("tessera.home");
        if (home == null) {
            throw new IllegalStateException("system property tessera.home is not set");
        }
        return new Installation(Path.of(home).toAbsolutePath().normalize());
    }

    /** The class path of a module: its jar plus every jar in its lib folder. */
    public String classPath(String module) {
        Path target = home.resolve(module).resolve("target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().startsWith(module + "-")
                            && p.getFileName().toString().endsWith(".jar")
                            && !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + target
                            + ": build first (bin/tessera builds when needed)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": build first", e);
        }
        return jar + java.io.File.pathSeparator + target.resolve("lib") + "/*";
    }
}
