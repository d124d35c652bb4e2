package io.tessera.fe.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the passwords in a statement's text before it is logged: the quoted string after
 * {@code IDENTIFIED BY [PASSWORD]}, inside {@code PASSWORD(...)} and after {@code SET PASSWORD ... =}
 * becomes {@code '*****'}. A text match, not a parse, so it also masks statements that fail to
 * parse; it may mask a little more than a password, never less of one it recognizes.
 *
 * <p>Stateless; pure functions, safe from any thread.
 */
public final class PasswordMask {
    private static final String QUOTED = "('(?:[^'\\\\]|\\\\.|'')*'?|\"(?:[^\"\\\\]|\\\\.|\"\")*\"?)";
    private static final Pattern IDENTIFIED_BY = Pattern.compile(
            "(IDENTIFIED\\s+BY\\s+(?:PASSWORD\\s+)?)" + QUOTED, Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD_FUNCTION = Pattern.compile(
            "(PASSWORD\\s*\\(\\s*)" + QUOTED, Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_PASSWORD = Pattern.compile(
            "(SET\\s+PASSWORD\\b[^=]*=\\s*)" + QUOTED, Pattern.CASE_INSENSITIVE);
    private static final String MASK = "'*****'";

    private PasswordMask() {
    }

    public static String mask(String sql) {
        String masked = replace(IDENTIFIED_BY, sql);
        masked = replace(PASSWORD_FUNCTION, masked);
        return replace(SET_PASSWORD, masked);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }
}
