package io.tessera.fe.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the passwords in a statement's text before it is logged: the quoted string (or the bare
 * word) after {@code IDENTIFIED [WITH plugin] BY|AS [PASSWORD]}, inside {@code PASSWORD(...)} and after
 * {@code SET PASSWORD ... =} becomes {@code '*****'}. A text match, not a parse, so it also masks
 * statements that fail to parse; it may mask a little more than a password, never less of one it
 * recognizes. {@link #maskLiterals} hides the same passwords in text made from the statement, such
 * as a parser's error message quoting one of its tokens.
 *
 * <p>Stateless; pure functions, safe from any thread.
 */
public final class PasswordMask {
    /** One quoted string; the closing quote may be missing (a statement cut short). */
    private static final String LITERAL = "'(?:[^'\\\\]|\\\\.|'')*'?|\"(?:[^\"\\\\]|\\\\.|\"\")*\"?";
    /** A string as MySQL reads it: adjacent quoted strings are one ('my' 'pw' is 'mypw'). */
    private static final String QUOTED = "((?:" + LITERAL + ")(?:\\s*(?:" + LITERAL + "))*)";
    private static final Pattern ONE_LITERAL = Pattern.compile(LITERAL);
    private static final Pattern IDENTIFIED_BY = Pattern.compile(
            "(IDENTIFIED\\s+(?:WITH\\s+(?:'[^']*'|\"[^\"]*\"|[^\\s'\"]+)\\s+)?(?:BY|AS)\\s+(?:PASSWORD\\s+)?)"
                    + "(" + QUOTED + "|[^\\s'\";,()]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD_FUNCTION = Pattern.compile(
            "(PASSWORD\\s*\\(\\s*)" + QUOTED, Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_PASSWORD = Pattern.compile(
            "(SET\\s+PASSWORD\\b[^=]*=\\s*)" + QUOTED, Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> PATTERNS = List.of(IDENTIFIED_BY, PASSWORD_FUNCTION, SET_PASSWORD);
    private static final String MASK = "'*****'";
    private static final String BARE_MASK = "*****";

    private PasswordMask() {
    }

    public static String mask(String sql) {
        String masked = replace(IDENTIFIED_BY, sql);
        masked = replace(PASSWORD_FUNCTION, masked);
        return replace(SET_PASSWORD, masked);
    }

    /**
     * The text with every password {@link #mask} finds in {@code sql} replaced by {@code *****},
     * quoted or not: for text derived from the statement, such as the error a failed parse
     * answers, which may quote the password token.
     */
    public static String maskLiterals(String sql, String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<String> literals = new ArrayList<>();
        for (Pattern pattern : PATTERNS) {
            Matcher matcher = pattern.matcher(sql);
            while (matcher.find()) {
                String password = matcher.group(2);
                literals.add(password);
                Matcher parts = ONE_LITERAL.matcher(password);
                while (parts.find()) {
                    literals.add(parts.group());
                    literals.add(unquoted(parts.group()));
                }
            }
        }
        literals.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String literal : literals) {
            if (!literal.isEmpty()) {
                masked = masked.replace(literal, BARE_MASK);
            }
        }
        return masked;
    }

    private static String unquoted(String literal) {
        if (literal.isEmpty() || (literal.charAt(0) != '\'' && literal.charAt(0) != '"')) {
            return literal;
        }
        char quote = literal.charAt(0);
        int end = literal.length() > 1 && literal.charAt(literal.length() - 1) == quote ? literal.length() - 1
                : literal.length();
        return literal.substring(1, end);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }
}
