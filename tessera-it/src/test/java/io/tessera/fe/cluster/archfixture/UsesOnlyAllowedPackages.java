package io.tessera.fe.cluster.archfixture;

import io.tessera.common.Clock;
import io.tessera.fe.meta.IdAllocator;

/** Fixture for ArchitectureRulesSelfTest: cluster → meta is allowed, time comes from a Clock. */
public final class UsesOnlyAllowedPackages {
    private final Clock clock;

    public UsesOnlyAllowedPackages(Clock clock) {
        this.clock = clock;
    }

    public long next(IdAllocator ids) {
        return ids.allocate() + clock.monotonicNanos();
    }
}
