package io.tessera.be.storage.scan;

import io.tessera.proto.data.Operator;

/** The six comparisons, as tests of a {@code compare} result. Immutable. */
enum CompareOp {
    EQ, NE, LT, LE, GT, GE;

    static CompareOp of(Operator operator) {
        return switch (operator) {
            case EQ -> EQ;
            case NE -> NE;
            case LT -> LT;
            case LE -> LE;
            case GT -> GT;
            case GE -> GE;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    /** Whether {@code a op b} holds, given {@code compare(a, b)}. */
    boolean test(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
        };
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    CompareOp swapped() {
        return switch (this) {
            case EQ, NE -> this;
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
        };
    }
}
