package io.tessera.common;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The one place that makes random generators. A process's wiring asks for one generator seeded
 * from the machine's entropy and hands it (or generators split from it) to the components that
 * need randomness, which take a {@link Random} through their constructors; a test passes a seeded
 * one, so a failing run replays. Scrambles and other secrets come from {@link #secure}.
 *
 * <p>Stateless; the generators it returns are the caller's.
 */
public final class Randomness {
    private Randomness() {
    }

    /** A generator seeded from the machine's entropy, for a process's wiring. */
    public static Random fromEntropy() {
        return new Random(new SecureRandom().nextLong());
    }

    /** A generator with a fixed seed: tests, and work whose choices need not differ between runs. */
    public static Random seeded(long seed) {
        return new Random(seed);
    }

    /** A generator of its own for a component, seeded from the parent, so parents replay whole. */
    public static Random split(Random parent) {
        return new Random(parent.nextLong());
    }

    /** A cryptographically strong generator, for login scrambles and other secrets. */
    public static SecureRandom secure() {
        return new SecureRandom();
    }
}
