package io.tessera.be.heartbeat;

/**
 * Why a heartbeat was refused, as Doris BEs report it: a status code name and a message, rendered
 * as {@code (<be-host>)[<CODE>]<message>}.
 *
 * @param code    Doris's status code name, e.g. {@code INTERNAL_ERROR}
 * @param message the text after the code
 */
public record Refusal(String code, String message) {
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    public static final String IO_ERROR = "IO_ERROR";

    /** The text a heartbeat response carries in {@code error_message}. */
    public String render(String host) {
        return "(" + host + ")[" + code + "]" + message;
    }
}
