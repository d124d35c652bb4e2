package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.mysql.EmbeddedMysqlConnection.Reply;
import io.tessera.testkit.ClientMessages;
import io.tessera.testkit.FuzzSettings;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the FE's MySQL protocol layer (packet decoding, handshake, every command) in process, on
 * an embedded channel: random and mutated packets before and after login. Properties: nothing
 * escapes the handlers, every ERR packet's message is clear (no Java names, no stack, no
 * "Internal error"), a command that expects an answer gets one with the right sequence id, the
 * connection only closes after an ERR packet or COM_QUIT, and it still answers {@code SELECT 1}
 * afterwards; sessions are never used after close and all are closed at the end.
 * See docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzSettings.class)
class MysqlPacketFuzzTest {
    private static final byte[] SELECT_ONE = MysqlPacketArbitraries.concat(new byte[] {CommandDispatcher.COM_QUERY},
            "select 1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @Provide
    Arbitrary<List<byte[]>> commandSequences() {
        return MysqlPacketArbitraries.commands().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> handshakes() {
        return MysqlPacketArbitraries.handshakeResponses();
    }

    @Provide
    Arbitrary<List<byte[]>> rawChunks() {
        Arbitrary<byte[]> header = Arbitraries.of(0, 1, 5, 0xfffe, 0xffff, 0x10000, 0xffffff, 0x100000)
                .flatMap(length -> Arbitraries.integers().between(0, 255).map(sequence -> new byte[] {
                        (byte) length.intValue(), (byte) (length >> 8), (byte) (length >> 16), (byte) (int) sequence}));
        return Arbitraries.oneOf(List.of(header, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)))
                .list().ofMinSize(1).ofMaxSize(10);
    }

    /**
     * Found by the short run (seed 811156579947158032): COM_CHANGE_USER without a plugin gets an
     * auth switch, and the client's empty answer (an empty password) was refused as an empty
     * command, so the change stayed pending and took the next command as its answer.
     */
    @Example
    void anEmptyAnswerToChangeUsersAuthSwitchIsAnEmptyPassword() {
        commandsAfterLoginGetClearAnswers(List.of(new byte[] {0x11, 'r', 'o', 'o', 't', 0, 1, 0, 0, 0, 0, 0},
                new byte[0]), 0);
    }

    @Property(tries = 1500)
    void commandsAfterLoginGetClearAnswers(@ForAll("commandSequences") List<byte[]> commands, @ForAll long seed) {
        try (EmbeddedMysqlConnection connection = new EmbeddedMysqlConnection(seed)) {
            assertThat(connection.login()).as("root logs in").isTrue();
            boolean authSwitchPending = false;
            for (byte[] command : commands) {
                List<Reply> replies = connection.send(0, command);
                assertClear(replies);
                Statistics.label("first reply").collect(replies.isEmpty() ? "none"
                        : replies.get(0).isError() ? "ERR " + replies.get(0).errorCode()
                        : replies.get(0).payload()[0] == 0 ? "OK" : "other");
                int kind = command.length == 0 ? -1 : command[0] & 0xff;
                if (!connection.isOpen()) {
                    assertThat(kind == CommandDispatcher.COM_QUIT || endsWithError(replies))
                            .as("closed after command %s without an ERR packet: %s", hex(command), replies).isTrue();
                    break;
                }
                boolean answered = authSwitchPending || (kind != CommandDispatcher.COM_STMT_CLOSE
                        && kind != CommandDispatcher.COM_STMT_SEND_LONG_DATA);
                if (answered) {
                    assertThat(replies).as("answer to %s", hex(command)).isNotEmpty();
                    if (!authSwitchPending) {
                        assertThat(replies.get(0).sequenceId()).as("sequence id answering %s", hex(command))
                                .isEqualTo(1);
                    }
                }
                authSwitchPending = !replies.isEmpty() && replies.get(replies.size() - 1).isAuthSwitch();
            }
            if (connection.isOpen() && !authSwitchPending) {
                List<Reply> replies = connection.send(0, SELECT_ONE);
                assertThat(replies).as("SELECT 1 after %s", commands.stream().map(MysqlPacketFuzzTest::hex).toList())
                        .isNotEmpty();
                assertThat(replies.get(0).payload()).as("a result set of one column").containsExactly(1);
            }
            connection.close();
            assertThat(connection.violations()).isEmpty();
            assertThat(connection.unreleasedBuffers()).as("inbound buffers never released").isZero();
            assertThat(connection.openSessions()).as("sessions left open").isZero();
        }
    }

    @Property(tries = 1500)
    void handshakeResponsesLogInOrGetAClearError(@ForAll("handshakes") byte[] handshake, @ForAll("handshakes")
            byte[] authSwitchAnswer, @ForAll long seed) {
        try (EmbeddedMysqlConnection connection = new EmbeddedMysqlConnection(seed)) {
            connection.replies();
            List<Reply> replies = connection.send(1, handshake);
            assertClear(replies);
            if (!replies.isEmpty() && replies.get(0).isAuthSwitch()) {
                replies = connection.send(3, authSwitchAnswer);
                assertClear(replies);
            }
            assertThat(replies).as("answer to handshake %s", hex(handshake)).hasSize(1);
            Reply reply = replies.get(0);
            if (reply.isError()) {
                assertThat(connection.isOpen()).as("open after a refused login").isFalse();
            } else {
                assertThat(reply.payload()[0]).as("OK packet").isZero();
                assertThat(connection.send(0, SELECT_ONE).get(0).payload()).containsExactly(1);
            }
            connection.close();
            assertThat(connection.unreleasedBuffers()).as("inbound buffers never released").isZero();
            assertThat(connection.openSessions()).as("sessions left open").isZero();
        }
    }

    @Property(tries = 1500)
    void rawBytesNeverCrashTheConnection(@ForAll("rawChunks") List<byte[]> chunks, @ForAll boolean loggedIn,
            @ForAll long seed) {
        try (EmbeddedMysqlConnection connection = new EmbeddedMysqlConnection(seed)) {
            if (loggedIn) {
                assertThat(connection.login()).isTrue();
            }
            List<Reply> last = List.of();
            for (byte[] chunk : chunks) {
                List<Reply> replies = connection.sendRaw(chunk);
                assertClear(replies);
                if (!replies.isEmpty()) {
                    last = replies;
                }
                if (!connection.isOpen()) {
                    break;
                }
            }
            if (!connection.isOpen() && !(loggedIn && containsQuit(chunks))) {
                assertThat(endsWithError(last)).as("closed without an ERR packet after %s",
                        chunks.stream().map(MysqlPacketFuzzTest::hex).toList()).isTrue();
            }
            connection.close();
            assertThat(connection.violations()).isEmpty();
            assertThat(connection.unreleasedBuffers()).as("inbound buffers never released").isZero();
            assertThat(connection.openSessions()).isZero();
        }
    }

    /** Whether the stream, read as packets, holds one whose payload starts with COM_QUIT. */
    private static boolean containsQuit(List<byte[]> chunks) {
        byte[] stream = MysqlPacketArbitraries.concat(chunks.toArray(new byte[0][]));
        int at = 0;
        while (at + 4 <= stream.length) {
            int length = (stream[at] & 0xff) | (stream[at + 1] & 0xff) << 8 | (stream[at + 2] & 0xff) << 16;
            if (length > 0 && at + 4 < stream.length && stream[at + 4] == CommandDispatcher.COM_QUIT) {
                return true;
            }
            at += 4 + length;
        }
        return false;
    }

    private static void assertClear(List<Reply> replies) {
        for (Reply reply : replies) {
            if (reply.isError()) {
                String message = reply.errorMessage();
                assertThat(message).as("error %d", reply.errorCode()).isNotBlank();
                assertThat(ClientMessages.internalDetail(message)).as("internal detail in '%s'", message).isNull();
            }
        }
    }

    private static boolean endsWithError(List<Reply> replies) {
        return !replies.isEmpty() && replies.get(replies.size() - 1).isError();
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            text.append(String.format("%02x", bytes[i]));
        }
        return bytes.length > 64 ? text + "...(" + bytes.length + " bytes)" : text.toString();
    }
}
