package io.tessera.fe.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Grammar-aware statement generators for the fuzz properties: real statements (the corpus
 * {@code fuzz/statements.sql}, taken from the FE's parser and executor tests) with up to three
 * token mutations each: a token dropped, two swapped, one duplicated, one replaced by a keyword,
 * an identifier, a literal, a huge or odd number, a piece of unicode or a quote, a token wrapped in
 * deep parentheses, or a second statement appended. Tokens are matched as the lexer sees them
 * (quoted strings and identifiers whole), so a mutation keeps most of the statement valid and
 * reaches deep into the parser and the executors.
 *
 * <p>Threading: stateless; arbitraries are immutable.
 */
public final class StatementArbitraries {
    private static final Pattern TOKEN = Pattern.compile(
            "`(?:[^`]|``)*`|'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|\\d+(?:\\.\\d+)?|[\\w@$]+|\\S");
    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "SHOW", "ALTER", "SYSTEM",
            "BACKEND", "TABLE", "DATABASE", "CREATE", "DROP", "INSERT", "INTO", "VALUES", "SET", "GLOBAL", "SESSION",
            "USE", "GRANT", "TO", "ON", "PROC", "ADMIN", "PARTITION", "DISTRIBUTED", "BY", "HASH", "BUCKETS",
            "PROPERTIES", "LIKE", "LIMIT", "ORDER", "GROUP", "HAVING", "AS", "AND", "OR", "NOT", "NULL", "IS",
            "CASE", "WHEN", "THEN", "END", "CAST", "INTERVAL", "DATE", "DATETIME", "UNION", "JOIN", "IF", "EXISTS",
            "DECOMMISSION", "MODIFY", "FORCE", "EXPLAIN", "DESC", "KEY", "DUPLICATE", "UNIQUE", "*", ",", "(", ")",
            ";", "=", ".", "+", "-", "/", "%", "?", "@@", "@");
    private static final List<String> ODD_VALUES = List.of("99999999999999999999999999999999999999",
            "-9223372036854775809", "9223372036854775808", "18446744073709551616", "1e309", "-1e309", "0x", "0xFFFFFFFFFFFFFFFFFFFF",
            "1.7976931348623157E309", "0.000000000000000000000000000000000000001", "-0", "00000000001", "''", "\"\"",
            "NULL", "'\\'", "'", "\"", "`", "``", "`a``b`", "'\u0000'", "'\uD83D\uDE00'", "𝄞", "名字", "\u202e",
            "'2024-02-30'", "'9999-12-31 23:59:59.999999'", "'0000-00-00'", "'10000-01-01'", "--", "/*", "*/",
            "/*!40101", "#", "\\", "'%'", "'\\N'", "@@version", "@@session.", "$1", "1..2", ".5", "5.", "1e", "e1",
            "TRUE", "FALSE", "DEFAULT", "'a' 'b'", "x'4G'", "b'102'", "N'x'");

    private StatementArbitraries() {
    }

    /** The statements of {@code fuzz/statements.sql}, one a line. */
    public static List<String> corpus() {
        try (InputStream in = StatementArbitraries.class.getResourceAsStream("/fuzz/statements.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Corpus statements with zero to three mutations each. */
    public static Arbitrary<String> statements(List<String> corpus) {
        return Combinators.combine(Arbitraries.of(corpus), mutations().list().ofMaxSize(3), Arbitraries.of(corpus))
                .as(StatementArbitraries::mutate);
    }

    /** One mutation: what to do, where (token indexes, taken modulo the statement's length), with what. */
    record Mutation(int kind, int at, int other, String replacement, int depth) {
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<String> replacements = Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.of(KEYWORDS)),
                Tuple.of(3, Arbitraries.of(ODD_VALUES)),
                Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').withChars('_', '0', '9').ofMinLength(1)
                        .ofMaxLength(12)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(300)),
                Tuple.of(1, Arbitraries.bigIntegers().map(Object::toString)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(6))));
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000), replacements,
                Arbitraries.of(2, 40, 200, 2_000, 20_000)).as(Mutation::new);
    }

    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(sql);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    static String mutate(String sql, List<Mutation> mutations, String another) {
        List<String> tokens = new ArrayList<>(tokens(sql));
        for (Mutation mutation : mutations) {
            if (tokens.isEmpty()) {
                tokens.add(mutation.replacement());
                continue;
            }
            int at = mutation.at() % tokens.size();
            int other = mutation.other() % tokens.size();
            switch (mutation.kind()) {
                case 0 -> tokens.remove(at);
                case 1 -> {
                    String swapped = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, swapped);
                }
                case 2 -> tokens.add(at, tokens.get(at));
                case 3, 4 -> tokens.set(at, mutation.replacement());
                case 5 -> tokens.add(at, mutation.replacement());
                case 6 -> tokens.set(at, "(".repeat(mutation.depth()) + tokens.get(at) + ")".repeat(mutation.depth()));
                default -> {
                    tokens.add(";");
                    tokens.addAll(tokens(another));
                }
            }
        }
        return String.join(" ", tokens);
    }
}
