package io.tessera.fe.mysql;

/**
 * What a logged-in connection's {@link CommandDispatcher} tells its owner about the client's
 * waits, so that idle and stalled connections can be timed out: a command runs, the connection
 * waits for the next command, or a result waits for the client to read.
 *
 * <p>Threading: called on the connection's event loop.
 */
interface ConnectionActivity {
    /** A command started or its result is being written: no deadline. */
    void busy();

    /** Every command is answered and the client may send the next: {@code wait_timeout} runs. */
    void idle();

    /** A result waits for the client to read what was written: {@code net_write_timeout} runs. */
    void waitingForReader();
}
