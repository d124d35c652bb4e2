package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import io.tessera.testkit.ClientMessages;
import io.tessera.testkit.FuzzSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes COM_STMT_EXECUTE's parameters into the real statement path: statements with placeholders
 * over a table, prepared as the FE prepares them ({@link SqlTextScanner}, {@link PreparedStatement}),
 * parameter blocks of every MySQL type with well-encoded random values (and sometimes random bytes)
 * read by {@link BinaryParameters}, the bound SQL run in a session of an {@link InProcessCluster}.
 * Properties: a block is read or refused as malformed with a clear message; the bound statement
 * answers or fails with an error that is not INTERNAL and shows no internal detail. See
 * docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzSettings.class)
class BoundParametersFuzzTest {
    private static final List<String> TEMPLATES = List.of("SELECT ?", "SELECT ?, ?", "SELECT ? + ?",
            "SELECT * FROM t WHERE k = ?", "SELECT k FROM t WHERE v IN (?, ?)", "SELECT concat(?, v) FROM t WHERE d < ?",
            "SELECT k FROM t ORDER BY k LIMIT ?", "SELECT CAST(? AS DATE), CAST(? AS DECIMAL(10,2))", "SELECT '?', ?",
            "SELECT ? /* ? */", "INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t (k, d) VALUES (?, ?)",
            "SELECT * FROM t WHERE d BETWEEN ? AND ?", "SELECT count(*) FROM t WHERE v LIKE ?", "SET @x = ?");
    /** MySQL type codes with the encoded size of their values: -1 length-encoded, -2 date/time. */
    private static final List<int[]> TYPES = List.of(new int[] {0x01, 1}, new int[] {0x02, 2}, new int[] {0x0d, 2},
            new int[] {0x03, 4}, new int[] {0x09, 4}, new int[] {0x08, 8}, new int[] {0x04, 4}, new int[] {0x05, 8},
            new int[] {0x0a, -2}, new int[] {0x0c, -2}, new int[] {0x07, -2}, new int[] {0x0b, -3},
            new int[] {0x0f, -1}, new int[] {0xfd, -1}, new int[] {0xfe, -1}, new int[] {0xfc, -1},
            new int[] {0xf6, -1}, new int[] {0xf5, -1}, new int[] {0x06, 0}, new int[] {0x10, -1}, new int[] {0xff, -1});
    private static InProcessCluster cluster;
    private static ClusterSession session;

    @BeforeContainer
    static void start() {
        cluster = InProcessCluster.start(1);
        session = cluster.session();
        session.execute("CREATE DATABASE fuzz_parameters");
        session.execute("USE fuzz_parameters");
        session.execute("CREATE TABLE t (k INT, v VARCHAR(20), d DATE) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
                + "BUCKETS 1 PROPERTIES ('replication_num' = '1')");
        session.execute("INSERT INTO t VALUES (1, 'a', '2024-01-01'), (2, NULL, NULL)");
    }

    @AfterContainer
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** One parameter: its type (with the unsigned flag maybe) and its encoded value, or NULL. */
    record Parameter(int type, boolean unsigned, boolean isNull, byte[] value) {
    }

    @Provide
    Arbitrary<List<Parameter>> parameters() {
        Arbitrary<String> texts = Arbitraries.oneOf(List.of(Arbitraries.of("", "a", "'", "\\", "\\'", "''", "\"",
                "12.5", "-0", "1e400", "2024-02-30", "9999-12-31 23:59:59", "NULL", "名字", "%", "_", "?", "'; DROP "
                + "TABLE t; --", "0x41", "\u0000"), Arbitraries.strings().all().ofMaxLength(10)));
        Arbitrary<Parameter> parameter = Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of(true, false),
                Arbitraries.frequencyOf(List.of(Tuple.of(5, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)))),
                Arbitraries.bytes().array(byte[].class).ofSize(12), Arbitraries.of(0, 4, 7, 11, 8, 12, 3), texts)
                .as((type, unsigned, isNull, random, dateLength, text) -> new Parameter(type[0], unsigned, isNull,
                        encode(type[1], random, dateLength, text)));
        return parameter.list().ofMinSize(1).ofMaxSize(3);
    }

    private static byte[] encode(int size, byte[] random, int dateLength, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (size >= 0) {
            out.write(random, 0, size);
        } else if (size == -1) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        } else {
            int length = size == -2 ? List.of(0, 4, 7, 11).contains(dateLength) ? dateLength : 4
                    : List.of(0, 8, 12).contains(dateLength) ? dateLength : 8;
            out.write(length);
            out.write(random, 0, Math.min(length, random.length));
            for (int i = random.length; i < length; i++) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    @Property(tries = 1000)
    void boundParametersAnswerOrGetAClearError(@ForAll("parameters") List<Parameter> parameters,
            @ForAll("templates") String template, @ForAll @IntRange(max = 4) int junk) {
        PreparedStatement statement = new PreparedStatement(1, template, SqlTextScanner.placeholderOffsets(template),
                1 << 20);
        int count = statement.parameterCount();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        byte[] nulls = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            if (parameters.get(i % parameters.size()).isNull()) {
                nulls[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        block.writeBytes(nulls);
        block.write(1);
        for (int i = 0; i < count; i++) {
            Parameter parameter = parameters.get(i % parameters.size());
            block.write(parameter.type());
            block.write(parameter.unsigned() ? 0x80 : 0);
        }
        for (int i = 0; i < count; i++) {
            Parameter parameter = parameters.get(i % parameters.size());
            if (!parameter.isNull()) {
                block.writeBytes(parameter.value());
            }
        }
        if (junk == 0) { // one block in five has a byte too many
            block.write(7);
        }
        List<String> literals;
        try {
            literals = BinaryParameters.readLiterals(new PayloadReader(block.toByteArray()), statement);
        } catch (MalformedPacketException e) {
            Statistics.label("outcome").collect("malformed");
            assertThat(ClientMessages.internalDetail(e.getMessage())).as("'%s'", e.getMessage()).isNull();
            return;
        } catch (TesseraException e) {
            assertClear(e, template);
            return;
        }
        String sql = statement.bind(literals);
        try {
            assertThat(session.execute(sql)).isNotNull();
            Statistics.label("outcome").collect("answered");
        } catch (TesseraException e) {
            Statistics.label("outcome").collect(e.code().mysqlCode() + " " + e.code());
            assertClear(e, sql);
        }
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of(TEMPLATES);
    }

    private static void assertClear(TesseraException e, String sql) {
        assertThat(e.code().category()).as("error class of %s '%s' for: %s", e.code(), e.clientMessage(), sql)
                .isNotEqualTo(ErrorCode.Category.INTERNAL);
        assertThat(ClientMessages.internalDetail(e.clientMessage())).as("internal detail in '%s' for: %s",
                e.clientMessage(), sql).isNull();
    }
}
