package io.tessera.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, read once from a resource Maven fills in at build time. */
public final class TesseraVersion {
    private static final String VERSION = load();

    private TesseraVersion() {
    }

    /** For example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** What {@code @@version_comment} and BE heartbeats report, e.g. {@code Tessera version 0.1.0}. */
    public static String versionComment() {
        return "Tessera version " + VERSION;
    }

    private static String load() {
        try (InputStream in = TesseraVersion.class.getResourceAsStream("/tessera-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
