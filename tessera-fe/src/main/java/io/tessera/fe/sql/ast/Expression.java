package io.tessera.fe.sql.ast;

/** A scalar expression in a SELECT, WHERE, SET or ORDER BY. Immutable. */
public sealed interface Expression
        permits Literal, SystemVariableRef, UserVariableRef, ColumnRef, FunctionCall, BinaryOperation,
        NotExpression, NegateExpression, IsNullExpression, InListExpression, BetweenExpression,
        LikeExpression, DefaultValue {
}
