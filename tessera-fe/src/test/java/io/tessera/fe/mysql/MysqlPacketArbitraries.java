package io.tessera.fe.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of MySQL client packets (never the fake authenticator's {@code crash} user, whose fault is on purpose) for the fuzz properties: valid commands of every kind the FE
 * knows (queries, prepared statements with random parameter blocks, change user, init db, field
 * list, set option...), random command bytes, and any of them mutated (cut short, a byte changed,
 * junk appended). Payloads only; {@link EmbeddedMysqlConnection} frames them.
 *
 * <p>Threading: stateless; arbitraries are immutable.
 */
final class MysqlPacketArbitraries {
    /** Statement texts the fake session knows, and some it does not. */
    private static final List<String> QUERIES = List.of("select 1", "SELECT 1", "select null_cell", "select warned",
            "show warnings", "fail", "insert", "set autocommit = 1", "select 1; select 1", "select 1;", ";", "",
            "select ?", "select database()", "show variables", "select @@version_comment limit 1");
    private static final List<String> PREPARED = List.of("select ?", "select ?, ?", "select 1", "insert",
            "select ? from t where a = ? and b = ?", "select '?'", "select ?; select ?", "");
    private static final List<String> USERS = List.of("root", "op", "nobody", "");
    private static final List<String> PLUGINS = List.of("mysql_native_password", "caching_sha2_password",
            "mysql_clear_password", "");
    /** MySQL's parameter types (and junk) for COM_STMT_EXECUTE. */
    private static final List<Integer> TYPES = List.of(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
            0x0a, 0x0b, 0x0c, 0x0d, 0x0f, 0x10, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
            0x11, 0x12, 0x13, 0x14, 0x80);

    private MysqlPacketArbitraries() {
    }

    static Arbitrary<byte[]> commands() {
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(6, validCommands()),
                Tuple.of(3, mutated(validCommands())),
                Tuple.of(1, randomCommands())));
    }

    static Arbitrary<byte[]> validCommands() {
        return Arbitraries.oneOf(List.of(
                queries(),
                text(CommandDispatcher.COM_STMT_PREPARE, Arbitraries.of(PREPARED)),
                execute(),
                statementCommand(CommandDispatcher.COM_STMT_SEND_LONG_DATA),
                statementCommand(CommandDispatcher.COM_STMT_CLOSE),
                statementCommand(CommandDispatcher.COM_STMT_RESET),
                statementCommand(CommandDispatcher.COM_STMT_FETCH),
                changeUser(),
                text(CommandDispatcher.COM_INIT_DB, Arbitraries.oneOf(List.of(Arbitraries.of("db", "nodb", ""),
                        words()))),
                text(CommandDispatcher.COM_FIELD_LIST, Arbitraries.oneOf(List.of(Arbitraries.of("t", "t\0%", ""),
                        words()))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3).map(rest -> concat(
                        new byte[] {CommandDispatcher.COM_SET_OPTION}, rest)),
                Arbitraries.of(CommandDispatcher.COM_PING, CommandDispatcher.COM_STATISTICS,
                        CommandDispatcher.COM_RESET_CONNECTION, CommandDispatcher.COM_QUIT)
                        .map(command -> new byte[] {(byte) (int) command})));
    }

    static Arbitrary<byte[]> queries() {
        Arbitrary<byte[]> known = Arbitraries.of(QUERIES).map(sql -> sql.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> junk = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> unicode = Arbitraries.strings().all().ofMaxLength(20)
                .map(sql -> sql.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(List.of(known, junk, unicode))
                .map(sql -> concat(new byte[] {CommandDispatcher.COM_QUERY}, sql));
    }

    /** Random command bytes (valid ones included) followed by random bytes. */
    static Arbitrary<byte[]> randomCommands() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(48);
    }

    /** A valid command cut short, with a byte changed, or with junk appended. */
    static Arbitrary<byte[]> mutated(Arbitrary<byte[]> valid) {
        return Combinators.combine(valid, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8)).as((bytes, kind, at, junk) -> {
                    if (bytes.length == 0) {
                        return junk;
                    }
                    int index = at % bytes.length;
                    return switch (kind) {
                        case 0 -> java.util.Arrays.copyOf(bytes, Math.max(1, index));
                        case 1 -> {
                            byte[] changed = bytes.clone();
                            changed[index] = junk[0];
                            yield changed;
                        }
                        default -> concat(bytes, junk);
                    };
                });
    }

    private static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '`', '\'', ' ', '%', '\0')
                .ofMaxLength(12);
    }

    private static Arbitrary<byte[]> text(int command, Arbitrary<String> texts) {
        return texts.map(text -> concat(new byte[] {(byte) command}, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<Integer> statementIds() {
        return Arbitraries.frequencyOf(List.of(Tuple.of(8, Arbitraries.integers().between(0, 3)),
                Tuple.of(1, Arbitraries.integers())));
    }

    /** COM_STMT_CLOSE, RESET, FETCH and SEND_LONG_DATA: the statement id, then random bytes. */
    private static Arbitrary<byte[]> statementCommand(int command) {
        return Combinators.combine(statementIds(), Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
                .as((id, rest) -> concat(new byte[] {(byte) command}, int4(id), rest));
    }

    /**
     * COM_STMT_EXECUTE: statement id, flags, iteration count, then a parameter block for 0 to 4
     * parameters: NULL bitmap, new-params-bound flag, types, and values of random bytes.
     */
    static Arbitrary<byte[]> execute() {
        Arbitrary<byte[]> parameterBlock = Arbitraries.integers().between(0, 4).flatMap(count -> Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize((count + 7) / 8),
                Arbitraries.of((byte) 1, (byte) 0, (byte) 2),
                Arbitraries.of(TYPES).list().ofSize(count),
                Arbitraries.bytes().array(byte[].class).list().ofSize(count),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16)).as((nulls, bound, types, values, tail) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(nulls);
                    out.write(bound);
                    if (bound == 1) {
                        for (int type : types) {
                            out.write(type);
                            out.write(type == 0x80 ? 0x80 : 0);
                        }
                    }
                    for (byte[] value : values) {
                        out.writeBytes(value.length > 0 && (value[0] & 1) == 0
                                ? lengthEncoded(value) : value);
                    }
                    out.writeBytes(tail);
                    return out.toByteArray();
                }));
        return Combinators.combine(statementIds(), Arbitraries.of(0, 1, 2, 8, 0xff),
                Arbitraries.of(1, 0, -1), parameterBlock).as((id, flags, iterations, block) -> concat(
                        new byte[] {CommandDispatcher.COM_STMT_EXECUTE}, int4(id), new byte[] {(byte) (int) flags},
                        int4(iterations), block));
    }

    /** COM_CHANGE_USER: user, auth response (SECURE_CONNECTION), database, character set, plugin. */
    static Arbitrary<byte[]> changeUser() {
        return Combinators.combine(Arbitraries.oneOf(List.of(Arbitraries.of(USERS), words())),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(24),
                Arbitraries.of("", "db", "missing", "a b"),
                Arbitraries.of(List.of(new byte[0], new byte[] {45, 0}, new byte[] {(byte) 0xff})),
                Arbitraries.of(PLUGINS)).as((user, auth, database, charset, plugin) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(CommandDispatcher.COM_CHANGE_USER);
                    out.writeBytes(user.getBytes(StandardCharsets.UTF_8));
                    out.write(0);
                    out.write(auth.length);
                    out.writeBytes(auth);
                    out.writeBytes(database.getBytes(StandardCharsets.UTF_8));
                    out.write(0);
                    out.writeBytes(charset);
                    if (charset.length == 2) {
                        out.writeBytes(plugin.getBytes(StandardCharsets.UTF_8));
                        out.write(0);
                    }
                    return out.toByteArray();
                });
    }

    /** Handshake responses: the valid login with random flags, users, databases, and mutated. */
    static Arbitrary<byte[]> handshakeResponses() {
        Arbitrary<byte[]> valid = Combinators.combine(
                Arbitraries.integers().map(flags -> flags | Capabilities.PROTOCOL_41),
                Arbitraries.oneOf(List.of(Arbitraries.of(USERS), words())),
                Arbitraries.of("db", "missing", "")).as((flags, user, database) ->
                        EmbeddedMysqlConnection.loginPayload(flags, user, database.isEmpty() ? null : database));
        Arbitrary<byte[]> plain = Arbitraries.of(EmbeddedMysqlConnection.CLIENT_FLAGS)
                .map(flags -> EmbeddedMysqlConnection.loginPayload(flags, "root", null));
        return Arbitraries.frequencyOf(List.of(Tuple.of(3, valid), Tuple.of(1, plain), Tuple.of(4, mutated(valid)),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(64))));
    }

    private static byte[] int4(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static byte[] lengthEncoded(byte[] value) {
        return concat(new byte[] {(byte) value.length}, value);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
