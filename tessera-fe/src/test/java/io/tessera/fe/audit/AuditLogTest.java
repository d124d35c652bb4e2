package io.tessera.fe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tessera.common.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer: lines reach the file, the file rolls by size and by day, old files go, failures stay quiet. */
class AuditLogTest {
    private static final long START_MILLIS = 1_735_689_600_000L;

    @TempDir
    Path folder;

    private static AuditEvent event(long statementId, ManualClock clock) {
        return new AuditEvent(clock.wallMillis(), "127.0.0.1:5000", "root", "", AuditEvent.State.OK, 0, "", 1, 0,
                statementId, false, false, "SELECT " + statementId);
    }

    private List<Path> rolledFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("fe.audit.log.")).sorted().toList();
        }
    }

    @Test
    void writesOneLinePerEventAndFlushesAtClose() throws IOException {
        ManualClock clock = new ManualClock(START_MILLIS);
        try (AuditLog log = new AuditLog(AuditLogConfig.defaults(folder), clock, "10.0.0.1")) {
            for (long id = 1; id <= 100; id++) {
                log.record(event(id, clock));
            }
        }
        List<String> lines = Files.readAllLines(folder.resolve("fe.audit.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(100);
        assertThat(lines.get(0)).isEqualTo("2025-01-01 00:00:00,000 [query] |Client=127.0.0.1:5000|User=root"
                + "|Ctl=internal|Db=|State=OK|ErrorCode=0|ErrorMessage=|Time(ms)=1|ReturnRows=0|StmtId=1"
                + "|IsQuery=false|feIp=10.0.0.1|Stmt=SELECT 1");
        assertThat(lines.get(99)).endsWith("|Stmt=SELECT 100");
    }

    @Test
    void rollsBySizeAndKeepsABoundedNumberOfFiles() throws IOException {
        ManualClock clock = new ManualClock(START_MILLIS);
        AuditLogConfig config = new AuditLogConfig(folder, 1_000, 3, AuditLogConfig.RollInterval.DAY,
                AuditLogConfig.parseAge("30d"), 4096, 100, 10);
        try (AuditLog log = new AuditLog(config, clock, "10.0.0.1")) {
            for (long id = 1; id <= 60; id++) {
                log.record(event(id, clock));
            }
        }
        List<Path> rolled = rolledFiles();
        assertThat(rolled).hasSize(3).allSatisfy(file -> {
            assertThat(file.getFileName().toString()).matches("fe\\.audit\\.log\\.20250101-\\d+");
            assertThat(Files.size(file)).isLessThanOrEqualTo(1_000);
        });
        assertThat(Files.size(folder.resolve("fe.audit.log"))).isBetween(1L, 1_000L);
        assertThat(Files.readAllLines(folder.resolve("fe.audit.log")).get(0)).doesNotContain("Stmt=SELECT 1|");
        assertThat(Files.readString(folder.resolve("fe.audit.log"))).endsWith("|Stmt=SELECT 60\n");
    }

    @Test
    void rollsWhenTheDayChangesNamingTheFileByItsDay() throws IOException {
        ManualClock clock = new ManualClock(START_MILLIS);
        try (AuditLog log = new AuditLog(AuditLogConfig.defaults(folder), clock, "10.0.0.1")) {
            log.record(event(1, clock));
            clock.advance(1, TimeUnit.DAYS);
            log.record(event(2, clock));
        }
        assertThat(rolledFiles()).extracting(file -> file.getFileName().toString())
                .containsExactly("fe.audit.log.20250101-1");
        assertThat(Files.readAllLines(folder.resolve("fe.audit.log.20250101-1"))).singleElement()
                .asString().endsWith("|Stmt=SELECT 1");
        assertThat(Files.readAllLines(folder.resolve("fe.audit.log"))).singleElement().asString()
                .startsWith("2025-01-02 00:00:00,000 [query]").endsWith("|Stmt=SELECT 2");
    }

    @Test
    void aFileThatCannotBeWrittenNeverFailsTheCaller() throws IOException {
        ManualClock clock = new ManualClock(START_MILLIS);
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");
        assertThatCode(() -> {
            try (AuditLog log = new AuditLog(AuditLogConfig.defaults(notAFolder.resolve("log")), clock, "10.0.0.1")) {
                for (long id = 1; id <= 10; id++) {
                    log.record(event(id, clock));
                }
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void theLastPlacesOfTheQueueAreForAlwaysKeptStatements() {
        AuditLogConfig config = new AuditLogConfig(folder, 1_000, 3, AuditLogConfig.RollInterval.DAY,
                AuditLogConfig.parseAge("30d"), 4096, 100, 10);
        assertThat(AuditLog.admits(config, false, 89)).isTrue();
        assertThat(AuditLog.admits(config, false, 90)).isFalse();
        assertThat(AuditLog.admits(config, true, 90)).isTrue();
        assertThat(AuditLog.admits(config, true, 99)).isTrue();
        assertThat(AuditLog.admits(config, true, 100)).isFalse();
    }

    @Test
    void readsDorisAgesAndIntervals() {
        assertThat(AuditLogConfig.parseAge("30d")).isEqualTo(30L * 86_400_000L);
        assertThat(AuditLogConfig.parseAge("10h")).isEqualTo(36_000_000L);
        assertThat(AuditLogConfig.parseAge("120s")).isEqualTo(120_000L);
        assertThatCode(() -> AuditLogConfig.parseAge("30")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditLogConfig.RollInterval.parse("hour")).isEqualTo(AuditLogConfig.RollInterval.HOUR);
        assertThatCode(() -> AuditLogConfig.RollInterval.parse("WEEK")).isInstanceOf(IllegalArgumentException.class);
    }
}
