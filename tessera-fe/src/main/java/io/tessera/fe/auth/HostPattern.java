package io.tessera.fe.auth;

import java.util.Comparator;
import java.util.Locale;

/**
 * MySQL's host patterns: {@code %} matches any run of characters, {@code _} any one character,
 * everything else itself, ignoring case. When several accounts of a user match a client host, the
 * most specific pattern wins, as MySQL sorts its user table: a literal host first, then patterns
 * by how many characters come before their first wildcard (more first), {@code %} last; equal
 * weights by text, so the order is total and the choice deterministic.
 *
 * <p>Stateless; pure functions, safe from any thread.
 */
public final class HostPattern {
    /** Most specific first. */
    public static final Comparator<String> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt(HostPattern::literalPrefixLength).reversed()
            .thenComparing(Comparator.naturalOrder());

    private HostPattern() {
    }

    /** Whether {@code pattern} matches {@code host}. */
    public static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        // Classic wildcard match with backtracking to the last %: linear in practice.
        int pi = 0;
        int hi = 0;
        int star = -1;
        int starHost = 0;
        while (hi < h.length()) {
            if (pi < p.length() && (p.charAt(pi) == '_' || (p.charAt(pi) != '%' && p.charAt(pi) == h.charAt(hi)))) {
                pi++;
                hi++;
            } else if (pi < p.length() && p.charAt(pi) == '%') {
                star = pi++;
                starHost = hi;
            } else if (star >= 0) {
                pi = star + 1;
                hi = ++starHost;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '%') {
            pi++;
        }
        return pi == p.length();
    }

    /** Whether the pattern has a wildcard. */
    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('%') >= 0 || pattern.indexOf('_') >= 0;
    }

    /** The sort weight: a literal host outranks every pattern; a pattern counts its literal prefix. */
    static int literalPrefixLength(String pattern) {
        if (!hasWildcard(pattern)) {
            return Integer.MAX_VALUE;
        }
        int percent = pattern.indexOf('%');
        int underscore = pattern.indexOf('_');
        if (percent < 0) {
            return underscore;
        }
        return underscore < 0 ? percent : Math.min(percent, underscore);
    }
}
