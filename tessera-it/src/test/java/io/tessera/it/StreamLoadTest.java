package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.FrontendClient;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.NodeSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Stream Load on a real cluster (an FE and three BEs on 127.0.47.x) driven by the real {@code curl}
 * as operators run it: CSV and JSON loads with exact counts and sums, bad rows under
 * {@code max_filter_ratio} 0 and 0.5, a repeated label, and a backend killed in the middle of a load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamLoadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CSV_ROWS = 10_000;

    private static ClusterFixture fixture;
    private static Path dir;
    private static LocalCluster cluster;
    private static FrontendClient client;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.STREAM_LOAD_PREFIX, 3);
        dir = fixture.dir();
        cluster = fixture.cluster();
        client = fixture.client();
        client.execute("CREATE DATABASE demo");
        client.execute("USE demo");
        client.execute("CREATE TABLE sales (id BIGINT NOT NULL, region VARCHAR(16), amount DECIMAL(12, 2), qty INT) "
                + "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4 PROPERTIES ('replication_num' = '3')");
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void loadsCsvThroughTheFrontendsRedirect() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < CSV_ROWS; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "north" : "south").append(',').append(i % 100)
                    .append(".25,").append(i % 7 == 0 ? "\\N" : Integer.toString(i % 10)).append('\n');
        }
        Path file = write("sales.csv", csv.toString());
        LinkedHashMap<String, Object> reply = Curl.streamLoad(loadUrl("sales"), file.toString(), "label:csv_1",
                "column_separator:,");
        assertThat(List.copyOf(reply.keySet())).containsExactly("TxnId", "Label", "Comment", "TwoPhaseCommit",
                "Status", "Message", "NumberTotalRows", "NumberLoadedRows", "NumberFilteredRows",
                "NumberUnselectedRows", "LoadBytes", "LoadTimeMs", "BeginTxnTimeMs", "StreamLoadPutTimeMs",
                "ReadDataTimeMs", "WriteDataTimeMs", "CommitAndPublishTimeMs");
        assertThat(reply).containsEntry("Label", "csv_1").containsEntry("Status", "Success")
                .containsEntry("Message", "OK").containsEntry("NumberTotalRows", CSV_ROWS)
                .containsEntry("NumberLoadedRows", CSV_ROWS).containsEntry("NumberFilteredRows", 0)
                .containsEntry("LoadBytes", (int) Files.size(file));
        assertThat(((Number) reply.get("TxnId")).longValue()).isPositive();
        long qty = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (int i = 0; i < CSV_ROWS; i++) {
            qty += i % 7 == 0 ? 0 : i % 10;
            amount = amount.add(new BigDecimal(i % 100 + ".25"));
        }
        assertThat(client.rows("SELECT count(*) AS n, sum(id) AS ids, sum(amount) AS amount, sum(qty) AS qty, "
                + "count(qty) AS q FROM sales WHERE id < " + CSV_ROWS)).containsExactly(Map.of("n", "10000",
                "ids", Long.toString((long) CSV_ROWS * (CSV_ROWS - 1) / 2), "amount", amount.toPlainString(),
                "qty", Long.toString(qty), "q", Integer.toString(CSV_ROWS - (CSV_ROWS + 6) / 7)));
    }

    @Test
    @Order(2)
    void loadsJsonByLineAndAsOneArrayWithAColumnsHeader() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("{\"id\": ").append(100_000 + i).append(", \"region\": \"east\", \"amount\": ")
                    .append(i % 10).append(".5, \"qty\": ").append(i % 5).append(", \"ignored\": [1, 2]}\n");
        }
        assertThat(Curl.streamLoad(loadUrl("sales"), write("lines.json", lines.toString()).toString(),
                "label:json_lines", "format:json", "read_json_by_line:true"))
                .containsEntry("Status", "Success").containsEntry("NumberLoadedRows", 1000);
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            array.append(i == 0 ? "" : ",\n").append("{\"ID\": ").append(200_000 + i).append(", \"qty\": 2}");
        }
        assertThat(Curl.streamLoad(loadUrl("sales"), write("array.json", array.append(']').toString()).toString(),
                "label:json_array", "format:json", "strip_outer_array:true", "columns:id,qty"))
                .containsEntry("Status", "Success").containsEntry("NumberLoadedRows", 500);
        assertThat(client.rows("SELECT count(*) AS n, sum(id) AS ids, sum(amount) AS amount, sum(qty) AS qty "
                + "FROM sales WHERE id >= 100000 AND id < 200000")).containsExactly(Map.of("n", "1000",
                "ids", Long.toString(100_000L * 1000 + 999 * 1000 / 2), "amount", "5000.00", "qty", "2000"));
        assertThat(client.rows("SELECT count(*) AS n, sum(id) AS ids, count(region) AS r, sum(qty) AS qty "
                + "FROM sales WHERE id >= 200000")).containsExactly(Map.of("n", "500",
                "ids", Long.toString(200_000L * 500 + 499 * 500 / 2), "r", "0", "qty", "1000"));
    }

    @Test
    @Order(3)
    void badRowsUnderRatioZeroLoadNothingAndAreListedAtTheErrorUrl() throws Exception {
        String before = count();
        LinkedHashMap<String, Object> reply = Curl.streamLoad(loadUrl("sales"), badFile().toString(),
                "label:bad_0", "column_separator:,");
        assertThat(reply).containsEntry("Status", "Fail").containsEntry("NumberTotalRows", 6)
                .containsEntry("NumberFilteredRows", 3).containsEntry("NumberLoadedRows", 3);
        assertThat((String) reply.get("Message")).contains("too many filtered rows").contains("ratio 0.5")
                .contains("max_filter_ratio 0.0");
        assertThat(count()).isEqualTo(before);
        String errors = Curl.get((String) reply.get("ErrorURL"));
        assertThat(errors.lines()).hasSize(3);
        assertThat(errors).contains("actual column number in csv file is less than schema column number")
                .contains("src line [300002,north]").contains("null value for not null column, column=id")
                .contains("Invalid value 'x7' for column 'id' (BIGINT)");
        LinkedHashMap<String, Object> strict = Curl.streamLoad(loadUrl("sales"), badFile().toString(),
                "label:bad_strict", "column_separator:,", "strict_mode:true", "max_filter_ratio:0.5");
        assertThat(strict).containsEntry("Status", "Fail").containsEntry("NumberFilteredRows", 4);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void badRowsUnderRatioHalfLoadTheGoodRows() throws Exception {
        String before = count();
        LinkedHashMap<String, Object> reply = Curl.streamLoad(loadUrl("sales"), badFile().toString(),
                "label:bad_half", "column_separator:,", "max_filter_ratio:0.5");
        assertThat(reply).containsEntry("Status", "Success").containsEntry("NumberLoadedRows", 3)
                .containsEntry("NumberFilteredRows", 3).containsKey("ErrorURL");
        assertThat(Long.parseLong(count())).isEqualTo(Long.parseLong(before) + 3);
        assertThat(client.rows("SELECT sum(id) AS ids, count(qty) AS q FROM sales WHERE id >= 300000 AND id < 400000"))
                .containsExactly(Map.of("ids", Long.toString(300_000 + 300_001 + 300_003), "q", "2"));
    }

    @Test
    @Order(5)
    void aRepeatedLabelLoadsOnce() throws Exception {
        String before = count();
        Path file = write("again.csv", "500000,west,1.00,1\n500001,west,2.00,2\n");
        assertThat(Curl.streamLoad(loadUrl("sales"), file.toString(), "label:once", "column_separator:,"))
                .containsEntry("Status", "Success");
        LinkedHashMap<String, Object> again = Curl.streamLoad(loadUrl("sales"), file.toString(), "label:once",
                "column_separator:,");
        assertThat(again).containsEntry("Status", "Label Already Exists").containsEntry("ExistingJobStatus", "FINISHED")
                .containsEntry("Message", "Label [once] has already been used.");
        assertThat(Long.parseLong(count())).isEqualTo(Long.parseLong(before) + 2);
        assertThat(Curl.statusOf(loadUrl("sales"), file, "root:wrong")).isEqualTo(401);
        assertThat(Curl.streamLoad(loadUrl("nope"), file.toString(), "label:nope"))
                .containsEntry("Status", "Fail").containsEntry("Message", "Unknown table 'nope' in database 'demo'");
    }

    @Test
    @Order(6)
    void aBackendKilledMidLoadLeavesAllOrNothing() throws Exception {
        client.execute("CREATE TABLE events (id BIGINT, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4 "
                + "PROPERTIES ('replication_num' = '3')");
        int rows = 200_000;
        // Straight to BE 0's web server (as a redirect could do), so the backend killed is not the one reading.
        String url = "http://" + cluster.layout().backendHost(0) + ":8040/api/demo/events/_stream_load";
        Process curl = Curl.startStreamLoad(url, "label:killed", "column_separator:,");
        NodeSpec be2 = cluster.layout().backend(2, Map.of());
        try (OutputStream stdin = curl.getOutputStream()) {
            writeEvents(stdin, 0, rows / 2);
            assertThat(cluster.node(be2, "kill")).isZero();
            await().atMost(WAIT).until(() -> client.showBackends().stream().anyMatch(row ->
                    row.get("Host").equals(cluster.layout().backendHost(2)) && row.get("Alive").equals("false")));
            writeEvents(stdin, rows / 2, rows);
        }
        LinkedHashMap<String, Object> reply = Curl.reply(curl);
        String loaded = single("SELECT count(*) FROM events");
        if ("Success".equals(reply.get("Status"))) {
            assertThat(loaded).isEqualTo(Integer.toString(rows));
            assertThat(single("SELECT sum(id) FROM events")).isEqualTo(Long.toString((long) rows * (rows - 1) / 2));
        } else {
            assertThat(loaded).isEqualTo("0");
        }
        assertThat(reply).containsEntry("Status", "Success").containsEntry("NumberLoadedRows", rows);
    }

    private static void writeEvents(OutputStream out, int from, int to) throws IOException {
        StringBuilder chunk = new StringBuilder();
        for (int i = from; i < to; i++) {
            chunk.append(i).append(',').append(i % 100).append('\n');
            if (chunk.length() > 64 * 1024) {
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                chunk.setLength(0);
            }
        }
        out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Three good rows (one with a qty that becomes NULL) and three bad ones. */
    private static Path badFile() throws IOException {
        return write("bad.csv", "300000,north,1.00,1\n300002,north\n300001,south,2.00,x\n\\N,east,3.00,3\n"
                + "x7,east,3.00,3\n300003,west,4.00,4\n");
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String loadUrl(String table) {
        return "http://" + cluster.layout().frontendHost() + ":8030/api/demo/" + table + "/_stream_load";
    }

    private static String count() throws SQLException {
        return single("SELECT count(*) FROM sales");
    }

    private static String single(String sql) throws SQLException {
        List<Map<String, String>> rows = client.rows(sql);
        assertThat(rows).hasSize(1);
        return rows.get(0).values().iterator().next();
    }
}
