package io.tessera.fe.sql.ast;

/** The data model named by a {@code ... KEY (columns)} clause of CREATE TABLE. */
public enum KeysType {
    DUPLICATE,
    UNIQUE,
    AGGREGATE
}
