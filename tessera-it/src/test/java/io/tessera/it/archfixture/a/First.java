package io.tessera.it.archfixture.a;

import io.tessera.it.archfixture.b.Second;

/** Fixture for ArchitectureRulesSelfTest: one half of a package cycle. */
public final class First {
    public Second next() {
        return new Second();
    }
}
