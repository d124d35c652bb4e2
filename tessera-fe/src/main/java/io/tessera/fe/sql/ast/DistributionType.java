package io.tessera.fe.sql.ast;

/** {@code DISTRIBUTED BY HASH (...)} or {@code DISTRIBUTED BY RANDOM}. */
public enum DistributionType {
    HASH,
    RANDOM
}
