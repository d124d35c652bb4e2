package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * MySQL host patterns: what matches, which of several matching accounts a login uses, and a
 * seeded randomized comparison against a plain reference model (regular expressions and a
 * spelled-out sort).
 */
class HostPatternTest {
    @Test
    void matchesAsMysqlDoes() {
        assertThat(HostPattern.matches("%", "127.0.0.1")).isTrue();
        assertThat(HostPattern.matches("%", "")).isTrue();
        assertThat(HostPattern.matches("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(HostPattern.matches("127.0.0.1", "127.0.0.12")).isFalse();
        assertThat(HostPattern.matches("127.0.%", "127.0.0.1")).isTrue();
        assertThat(HostPattern.matches("127.0.%", "127.1.0.1")).isFalse();
        assertThat(HostPattern.matches("10.0.0._", "10.0.0.7")).isTrue();
        assertThat(HostPattern.matches("10.0.0._", "10.0.0.17")).isFalse();
        assertThat(HostPattern.matches("%.example.com", "db1.EXAMPLE.com")).isTrue();
        assertThat(HostPattern.matches("%.example.com", "example.com")).isFalse();
        assertThat(HostPattern.matches("1%1", "1.2.3.1")).isTrue();
        assertThat(HostPattern.matches("1%1", "1.2.3.4")).isFalse();
    }

    @Test
    void theMostSpecificMatchingAccountWins() {
        Map<AccountName, Account> accounts = new java.util.TreeMap<>();
        for (String host : List.of("%", "127.0.%", "127.0.0.1", "127.%")) {
            AccountName name = new AccountName("u", host);
            accounts.put(name, new Account(name, new byte[0], "", List.of(), PrivilegeGrants.NONE));
        }
        Accounts.Image image = new Accounts.Image(accounts, Accounts.Image.BUILT_IN.roles());
        assertThat(image.matching("u", "127.0.0.1").orElseThrow().name().host()).isEqualTo("127.0.0.1");
        assertThat(image.matching("u", "127.0.0.2").orElseThrow().name().host()).isEqualTo("127.0.%");
        assertThat(image.matching("u", "127.9.0.2").orElseThrow().name().host()).isEqualTo("127.%");
        assertThat(image.matching("u", "10.0.0.1").orElseThrow().name().host()).isEqualTo("%");
        assertThat(image.matching("v", "127.0.0.1")).isEmpty();
    }

    @Test
    void agreesWithAReferenceModelOnRandomPatternsAndHosts() {
        Random random = new Random(20261206L);
        for (int round = 0; round < 2_000; round++) {
            String host = randomHost(random);
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                patterns.add(random.nextInt(4) == 0 ? host : randomPattern(random, host));
            }
            for (String pattern : patterns) {
                assertThat(HostPattern.matches(pattern, host)).as(pattern + " vs " + host)
                        .isEqualTo(referenceMatches(pattern, host));
            }
            Optional<String> expected = patterns.stream().distinct().filter(p -> referenceMatches(p, host))
                    .min(referenceOrder());
            Optional<String> actual = patterns.stream().distinct().filter(p -> HostPattern.matches(p, host))
                    .min(HostPattern.MOST_SPECIFIC_FIRST);
            assertThat(actual).as(patterns + " for " + host).isEqualTo(expected);
        }
    }

    private static boolean referenceMatches(String pattern, String host) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(host).matches();
    }

    /** Literal hosts first; then the longer text before the first wildcard; then by text. */
    private static Comparator<String> referenceOrder() {
        return (left, right) -> {
            boolean leftLiteral = !left.contains("%") && !left.contains("_");
            boolean rightLiteral = !right.contains("%") && !right.contains("_");
            if (leftLiteral != rightLiteral) {
                return leftLiteral ? -1 : 1;
            }
            if (!leftLiteral) {
                int byPrefix = Integer.compare(prefix(right), prefix(left));
                if (byPrefix != 0) {
                    return byPrefix;
                }
            }
            return left.compareTo(right);
        };
    }

    private static int prefix(String pattern) {
        int i = 0;
        while (i < pattern.length() && pattern.charAt(i) != '%' && pattern.charAt(i) != '_') {
            i++;
        }
        return i;
    }

    private static String randomHost(Random random) {
        return random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(12) + "." + random.nextInt(12);
    }

    /** A pattern made from the host (so it often matches) by replacing runs with wildcards, or a random one. */
    private static String randomPattern(Random random, String host) {
        String base = random.nextInt(5) == 0 ? randomHost(random) : host;
        StringBuilder pattern = new StringBuilder();
        int i = 0;
        while (i < base.length()) {
            int choice = random.nextInt(10);
            if (choice == 0) {
                pattern.append('%');
                i += random.nextInt(base.length() - i + 1);
            } else if (choice == 1) {
                pattern.append('_');
                i++;
            } else {
                pattern.append(base.charAt(i++));
            }
        }
        return pattern.toString();
    }
}
