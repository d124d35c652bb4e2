package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements already parsed, by their exact text, so a statement a client sends again and again
 * (a driver's connect queries, a dashboard's refresh, a benchmark's {@code SELECT 1}) is parsed
 * once: ANTLR's lexer and parser cost several times the rest of a short statement's work on the
 * FE, and far more while the JIT has not compiled them. A {@link Statement} is immutable and
 * depends only on the text (sessions, time and the catalog are looked at when it runs), so one
 * instance serves every session.
 *
 * <p>Bounded: only texts up to {@code maxChars} characters are kept (a long INSERT is rarely sent
 * twice), and when {@code maxEntries} are held the next new text empties the cache first, so it
 * never holds more than {@code maxEntries × maxChars} characters of text and their statements;
 * the texts repeated most are back after one more parse each. Statements that fail to parse are
 * never kept.
 *
 * <p>Threading: thread-safe (a concurrent map); two sessions that parse the same new text at once
 * may both parse it, and either result is kept.
 */
final class ParsedStatements {
    private final int maxEntries;
    private final int maxChars;
    private final Map<String, Statement> byText = new ConcurrentHashMap<>();

    ParsedStatements(int maxEntries, int maxChars) {
        if (maxEntries < 1 || maxChars < 1) {
            throw new IllegalArgumentException("entries and characters must be positive: " + maxEntries + ", "
                    + maxChars);
        }
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    Optional<Statement> get(String sql) {
        return sql.length() > maxChars ? Optional.empty() : Optional.ofNullable(byText.get(sql));
    }

    /** Keeps a successfully parsed statement under its text, if the text is short enough. */
    void put(String sql, Statement statement) {
        if (sql.length() > maxChars) {
            return;
        }
        if (byText.size() >= maxEntries) {
            byText.clear();
        }
        byText.put(sql, statement);
    }

    int size() {
        return byText.size();
    }
}
