package io.tessera.fe.mysql;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the places in a statement's text that matter to the protocol without parsing it: the
 * {@code ?} placeholders of a prepared statement and the {@code ;} that separate the statements
 * of a multi-statement query. Both are only counted outside string literals ({@code '...'},
 * {@code "..."} with backslash escapes and doubled quotes), backquoted names and comments
 * ({@code -- }, {@code #}, {@code /* ... *}{@code /}), as MySQL's client and server do.
 *
 * <p>Stateless; safe from any thread.
 */
final class SqlTextScanner {
    private SqlTextScanner() {
    }

    /** The offsets of the {@code ?} placeholders, in order. */
    static List<Integer> placeholderOffsets(String sql) {
        List<Integer> offsets = new ArrayList<>();
        scan(sql, '?', offsets);
        return offsets;
    }

    /**
     * The statements of a multi-statement text, each trimmed; empty pieces (a trailing
     * {@code ;}, {@code ;;}) are dropped. A text without separators is one statement.
     */
    static List<String> splitStatements(String sql) {
        List<Integer> separators = new ArrayList<>();
        scan(sql, ';', separators);
        List<String> statements = new ArrayList<>();
        int start = 0;
        for (int separator : separators) {
            addIfNotBlank(statements, sql.substring(start, separator));
            start = separator + 1;
        }
        addIfNotBlank(statements, sql.substring(start));
        if (statements.isEmpty()) {
            statements.add(sql);
        }
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, String piece) {
        if (!piece.isBlank() && !onlyComments(piece)) {
            statements.add(piece.strip());
        }
    }

    private static boolean onlyComments(String piece) {
        int i = 0;
        while (i < piece.length()) {
            char c = piece.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (startsLineComment(piece, i)) {
                i = skipLineComment(piece, i);
            } else if (c == '/' && i + 1 < piece.length() && piece.charAt(i + 1) == '*') {
                i = skipBlockComment(piece, i);
            } else {
                return false;
            }
        }
        return true;
    }

    private static void scan(String sql, char wanted, List<Integer> offsets) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (startsLineComment(sql, i)) {
                i = skipLineComment(sql, i);
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else {
                if (c == wanted) {
                    offsets.add(i);
                }
                i++;
            }
        }
    }

    /** The index after the closing quote (or the end of the text when it is unclosed). */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static boolean startsLineComment(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '#') {
            return true;
        }
        return c == '-' && i + 2 < sql.length() && sql.charAt(i + 1) == '-'
                && Character.isWhitespace(sql.charAt(i + 2))
                || c == '-' && i + 2 == sql.length() && sql.charAt(i + 1) == '-';
    }

    private static int skipLineComment(String sql, int start) {
        int end = sql.indexOf('\n', start);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int skipBlockComment(String sql, int start) {
        int end = sql.indexOf("*/", start + 2);
        return end < 0 ? sql.length() : end + 2;
    }
}
