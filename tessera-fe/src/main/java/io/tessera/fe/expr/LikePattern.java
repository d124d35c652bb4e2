package io.tessera.fe.expr;

import java.util.regex.Pattern;

/**
 * A SQL LIKE pattern: {@code %} is any run of characters, {@code _} one character, a backslash
 * escapes the next character. Immutable and thread-safe.
 */
public final class LikePattern {
    private final Pattern regex;

    private LikePattern(Pattern regex) {
        this.regex = regex;
    }

    /** SHOW ... LIKE compares without regard to case, as MySQL's default collation does. */
    public static LikePattern caseInsensitive(String pattern) {
        return new LikePattern(Pattern.compile(toRegex(pattern),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** Expression LIKE compares exactly, as Doris does. */
    public static LikePattern caseSensitive(String pattern) {
        return new LikePattern(Pattern.compile(toRegex(pattern), Pattern.DOTALL));
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
