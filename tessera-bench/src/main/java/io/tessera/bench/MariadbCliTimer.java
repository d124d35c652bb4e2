package io.tessera.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times one statement as an operator sees it: Debian's {@code mariadb} CLI in a process of its own,
 * one connection, the statement repeated, each execution's time as the CLI reports it with
 * {@code -vvv} ("1000 rows in set (0.012 sec)": from sending the query until every row is in the
 * client's memory, before printing). The benchmarks that simulate many backends in their own JVM
 * use it so that a figure does not carry that JVM's garbage collection and threads.
 *
 * <p>Threading: stateless; each call runs and waits for one process.
 */
final class MariadbCliTimer {
    private static final Pattern TIMING = Pattern.compile("\\((\\d+(?:\\.\\d+)?) sec\\)\\s*$");
    private static final long LIMIT_MINUTES = 10;

    private MariadbCliTimer() {
    }

    /**
     * p50, p99 and max in ms of {@code runs} executions of {@code statement}, after {@code warmUp}
     * executions over the same connection that are not counted. Resolution: 1 ms (the CLI's).
     */
    static double[] percentilesMs(String host, int port, String statement, int warmUp, int runs)
            throws IOException, InterruptedException {
        String script = (statement + ";\n").repeat(warmUp + runs);
        Process cli = new ProcessBuilder("mariadb", "-vvv", "-h" + host, "-P" + port, "-uroot")
                .redirectErrorStream(true).start();
        cli.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        cli.getOutputStream().close();
        List<Double> millis = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(cli.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher matcher = TIMING.matcher(line);
                if (matcher.find() && line.contains(" in set ")) {
                    millis.add(Double.parseDouble(matcher.group(1)) * 1000.0);
                } else if (line.startsWith("ERROR")) {
                    tail.add(line);
                }
            }
        }
        if (!cli.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            cli.destroyForcibly();
            throw new IllegalStateException("the mariadb CLI did not finish within " + LIMIT_MINUTES + " minutes");
        }
        if (millis.size() != warmUp + runs) {
            throw new IllegalStateException("the mariadb CLI timed " + millis.size() + " of " + (warmUp + runs)
                    + " executions of " + statement + " (exit " + cli.exitValue() + ") " + tail);
        }
        double[] counted = millis.subList(warmUp, millis.size()).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(counted);
        return new double[] {counted[(int) Math.ceil(runs * 0.50) - 1], counted[(int) Math.ceil(runs * 0.99) - 1],
                counted[runs - 1]};
    }
}
