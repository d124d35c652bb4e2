package io.tessera.fe.session;

/** How a system variable's value is read, stored and shown. */
public enum VariableType {
    /** A whole number; SELECT returns it as BIGINT. */
    INTEGER,
    /** ON/OFF in SHOW VARIABLES, 1/0 in SELECT; set with 1, 0, ON, OFF, TRUE or FALSE. */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** Text naming a zone or an offset, checked as Doris checks {@code time_zone} ({@link TimeZoneValues}). */
    TIME_ZONE
}
