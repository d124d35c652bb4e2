package io.tessera.it.archfixture.b;

import io.tessera.it.archfixture.a.First;

/** Fixture for ArchitectureRulesSelfTest: the other half of a package cycle. */
public final class Second {
    public First back() {
        return new First();
    }
}
