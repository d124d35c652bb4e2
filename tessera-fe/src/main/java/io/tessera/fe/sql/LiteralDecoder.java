package io.tessera.fe.sql;

import java.math.BigDecimal;

/**
 * Turns the source text of literal tokens into values: quoted strings (MySQL escapes, doubled
 * quotes), back-quoted identifiers and numbers. It exists so the AST builders share one
 * definition of what a token means.
 *
 * <p>Threading: stateless; every method is a pure function and safe from any thread.
 */
final class LiteralDecoder {
    private LiteralDecoder() {
    }

    /**
     * The content of a string token quoted with {@code '} or {@code "}: quotes removed, a doubled
     * quote read as one, and MySQL's backslash escapes resolved ({@code \%} and {@code \_} keep
     * their backslash, as in MySQL, so that LIKE patterns still see them).
     */
    static String unquoteString(String token) {
        char quote = token.charAt(0);
        int end = token.length() - 1;
        StringBuilder value = new StringBuilder(end);
        for (int i = 1; i < end; i++) {
            char c = token.charAt(i);
            if (c == '\\' && i + 1 < end) {
                i++;
                appendEscape(value, token.charAt(i));
            } else if (c == quote && i + 1 < end && token.charAt(i + 1) == quote) {
                value.append(quote);
                i++;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static void appendEscape(StringBuilder value, char escaped) {
        switch (escaped) {
            case '0' -> value.append('\0');
            case 'b' -> value.append('\b');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'Z' -> value.append('\u001A');
            case '%', '_' -> value.append('\\').append(escaped);
            default -> value.append(escaped);
        }
    }

    /** The name inside a back-quoted identifier: back-quotes removed, a doubled one read as one. */
    static String unquoteIdentifier(String token) {
        return token.substring(1, token.length() - 1).replace("``", "`");
    }

    /** The name of a user variable token ({@code @name}, {@code @'name'}, {@code @`name`}), as written. */
    static String userVariableName(String token) {
        String name = token.substring(1);
        char first = name.charAt(0);
        if (first == '\'' || first == '"') {
            return unquoteString(name);
        }
        if (first == '`') {
            return unquoteIdentifier(name);
        }
        return name;
    }

    /** An integer literal: a {@link Long} when it fits, else a {@link BigDecimal}. */
    static Object integer(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return new BigDecimal(text);
        }
    }

    /** A literal with a decimal point or an exponent. */
    static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }
}
