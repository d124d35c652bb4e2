package io.tessera.fe.sql.ast;

/** A scalar expression in a SELECT, WHERE, SET, ORDER BY, INSERT ... VALUES or column DEFAULT. Immutable. */
public sealed interface Expression
        permits Literal, SystemVariableRef, UserVariableRef, ColumnRef, FunctionCall, BinaryOperation,
        NotExpression, NegateExpression, IsNullExpression, InListExpression, BetweenExpression,
        LikeExpression, DefaultValue, CastExpression, CaseExpression {
}
