package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against the {@code mariadb} command-line client, run as a subprocess. */
class MariadbCliTest {
    private static final String CLIENT = "/usr/bin/mariadb";

    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private MysqlServer server;

    @TempDir
    Path outputDirectory;

    /** What the client printed and how it exited. */
    record Outcome(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void startServer() {
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), sessions, 16 * 1024 * 1024);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        assertThat(sessions.violations).isEmpty();
    }

    private Outcome run(String stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLIENT, "--no-defaults", "-h127.0.0.1",
                "-P" + server.port(), "--connect-timeout=10"));
        command.addAll(List.of(arguments));
        return runProcess(command, stdin);
    }

    private Outcome runProcess(List<String> command, String stdin) throws IOException, InterruptedException {
        Path stdout = outputDirectory.resolve("stdout-" + System.nanoTime());
        Path stderr = outputDirectory.resolve("stderr-" + System.nanoTime());
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("client did not finish: " + command);
        }
        return new Outcome(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    @Test
    void runsQueryInBatchMode() throws Exception {
        Outcome outcome = run("", "-uroot", "--batch", "-e", "select 1");
        assertThat(outcome).isEqualTo(new Outcome(0, "1\n1\n", ""));
    }

    @Test
    void printsNullCells() throws Exception {
        Outcome outcome = run("", "-uroot", "--batch", "-e", "select null_cell");
        assertThat(outcome).isEqualTo(new Outcome(0, "null_cell\na\nNULL\n", ""));
    }

    @Test
    void printsTables() throws Exception {
        Outcome outcome = run("", "-uroot", "--table", "-e", "select null_cell");
        assertThat(outcome.stdout()).isEqualTo(
                "+-----------+\n| null_cell |\n+-----------+\n| a         |\n| NULL      |\n+-----------+\n");
    }

    @Test
    void printsErrorsWithCodeAndState() throws Exception {
        Outcome failed = run("", "-uroot", "--batch", "--skip-print-query-on-error", "-e", "fail");
        assertThat(failed).isEqualTo(new Outcome(1, "",
                "ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = fail on purpose\n"));
        Outcome boom = run("", "-uroot", "--batch", "--skip-print-query-on-error", "-e", "boom");
        assertThat(boom).isEqualTo(new Outcome(1, "",
                "ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = Internal error while executing the statement; "
                    + "see the FE log (fe.log) for details\n"));
    }

    @Test
    void echoesTheFailedQueryByDefault() throws Exception {
        // MariaDB's client prints the failing statement unless told not to (--print-query-on-error).
        Outcome failed = run("", "-uroot", "--batch", "-e", "fail");
        assertThat(failed).isEqualTo(new Outcome(1, "", "--------------\nfail\n--------------\n\n"
                + "ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = fail on purpose\n"));
    }

    @Test
    void runsStatementsFromStandardInput() throws Exception {
        Outcome outcome = run("select 1;\nuse demo\nselect null_cell;\n", "-uroot", "--batch");
        assertThat(outcome).isEqualTo(new Outcome(0, "1\n1\nnull_cell\na\nNULL\n", ""));
        // The client asks for the current database before it sends COM_INIT_DB for "use".
        assertThat(sessions.statements).containsExactly("select 1", "SELECT DATABASE()", "USE demo",
                "select null_cell");
    }

    @Test
    void reportsUnknownDatabaseOfUse() throws Exception {
        Outcome outcome = run("", "-uroot", "--batch", "--skip-print-query-on-error", "-e", "use nodb");
        assertThat(outcome).isEqualTo(new Outcome(1, "",
                "ERROR 1049 (42000) at line 1: errCode = 2, detailMessage = Unknown database 'nodb'\n"));
    }

    @Test
    void logsInWithPasswordAndDatabase() throws Exception {
        Outcome outcome = run("", "-uop", "-psecret", "-Ddemo", "--batch", "-e", "select 1");
        assertThat(outcome).isEqualTo(new Outcome(0, "1\n1\n", ""));
        assertThat(sessions.opened).singleElement().satisfies(info -> {
            assertThat(info.user()).isEqualTo("op");
            assertThat(info.database()).isEqualTo("demo");
        });
    }

    @Test
    void refusesWrongPassword() throws Exception {
        Outcome outcome = run("", "-uop", "-pwrong", "--batch", "-e", "select 1");
        assertThat(outcome).isEqualTo(new Outcome(1, "",
                "ERROR 1045 (28000): Access denied for user 'op'@'127.0.0.1' (using password: YES)\n"));
    }

    @Test
    void showsBannerInInteractiveMode() throws Exception {
        // script(1) gives the client a terminal, so it runs interactively and asks for the banner.
        String client = String.join(" ", CLIENT, "--no-defaults", "-h127.0.0.1", "-P" + server.port(), "-uroot");
        Outcome outcome = runProcess(List.of("script", "-qec", client, "/dev/null"), "select 1;\nquit\n");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout())
                .contains("Your MySQL connection id is 0")
                .contains("Server version: 5.7.99 Tessera version test")
                .contains("|    1 |")
                .contains("Bye");
        assertThat(sessions.statements).startsWith("select @@version_comment limit 1");
    }
}
