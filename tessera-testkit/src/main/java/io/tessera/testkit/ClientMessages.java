package io.tessera.testkit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a message for a client must never show: Java class or package names, exception names, method
 * calls ({@code Foo.getBar()}), stack frames, or the text of an unexpected fault ({@code Internal error while ...}, which means a bug of
 * ours was caught on the way out). The fuzz properties check every error they receive with it.
 *
 * <p>Threading: stateless.
 */
public final class ClientMessages {
    private static final List<Pattern> INTERNAL_DETAILS = List.of(
            Pattern.compile("\\b(java|javax|sun|jdk|io\\.tessera|io\\.netty|io\\.grpc|org\\.antlr)\\.[a-z]"),
            Pattern.compile("[A-Za-z](Exception|Error)\\b"), // one letter before: linear on long messages
            Pattern.compile("\\n\\s*at [\\w.$]+\\("),
            Pattern.compile("\\b[A-Z][A-Za-z]{0,60}\\.[a-z]\\w{0,60}\\(\\)"),
            Pattern.compile("Internal error while"));

    private ClientMessages() {
    }

    /** The first internal detail in a client message, or null when it has none. */
    public static String internalDetail(String message) {
        if (message == null) {
            return "no message";
        }
        for (Pattern pattern : INTERNAL_DETAILS) {
            var matcher = pattern.matcher(message);
            if (matcher.find()) {
                return matcher.group();
            }
        }
        return null;
    }
}
