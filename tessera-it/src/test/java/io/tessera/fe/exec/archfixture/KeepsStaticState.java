package io.tessera.fe.exec.archfixture;

import java.util.HashMap;

/** Fixture for ArchitectureRulesSelfTest: two kinds of static mutable state. */
public final class KeepsStaticState {
    static int calls;
    static final HashMap<String, String> CACHE = new HashMap<>();

    public static String remember(String key) {
        calls++;
        return CACHE.computeIfAbsent(key, k -> k);
    }
}
