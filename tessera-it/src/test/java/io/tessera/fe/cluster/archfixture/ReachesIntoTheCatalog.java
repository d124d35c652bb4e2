package io.tessera.fe.cluster.archfixture;

import io.tessera.fe.catalog.Catalog;

/** Fixture for ArchitectureRulesSelfTest: the cluster package may not use the catalog. */
public final class ReachesIntoTheCatalog {
    public int databases(Catalog catalog) {
        return catalog.snapshot().databases().size();
    }
}
