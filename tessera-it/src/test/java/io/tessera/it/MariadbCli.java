package io.tessera.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code mariadb} command-line client against an FE and captures what a person sees. */
final class MariadbCli {
    /** What one run printed. */
    record Output(int exitCode, String stdout, String stderr) {
        /** The error line of stderr, without the statement echo mariadb prints before it. */
        String errorLine() {
            String[] lines = stderr.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private final String host;
    private final int port;

    MariadbCli(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code mariadb -h H -P P -uroot [options] -e sql}. */
    Output run(String user, String sql, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mariadb", "-h", host, "-P", Integer.toString(port),
                "-u" + user, "--connect-timeout=10"));
        command.addAll(List.of(options));
        command.add("-e");
        command.add(sql);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("mariadb did not finish within 30 s: " + command);
        }
        return new Output(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    Output root(String sql, String... options) throws IOException, InterruptedException {
        return run("root", sql, options);
    }
}
