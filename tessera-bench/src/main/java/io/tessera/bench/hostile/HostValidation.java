package io.tessera.bench.hostile;

import io.tessera.cli.FrontendClient;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * ALTER SYSTEM ADD BACKEND with hosts and ports no operator means: out-of-range IP literals, path
 * traversal, a 100 KB host name, signed and out-of-range ports, a list of 10,000. Held when every
 * one is refused with a clear message and SHOW BACKENDS lists what it did before.
 *
 * <p>Threading: the benchmark's thread.
 */
final class HostValidation {
    private static final int LONG_NAME_BYTES = 100 * 1024;
    private static final int LONG_LIST = 10_000;

    private final Target target;

    HostValidation(Target target) {
        this.target = target;
    }

    AttackResult run() throws SQLException {
        List<String> hosts = List.of("\"256.1.1.1:9050\"", "\"../../etc:9050\"", "\"" + "a".repeat(LONG_NAME_BYTES)
                + ":9050\"", "\"127.1.62.9:+9050\"", "\"127.1.62.9:99999\"", "\"127.1.62.9:-1\"", "\"-host-:9050\"",
                longList());
        int refused = 0;
        List<String> messages = new ArrayList<>();
        try (FrontendClient client = target.client()) {
            int backendsBefore = client.showBackends().size();
            for (String host : hosts) {
                try {
                    client.execute("ALTER SYSTEM ADD BACKEND " + host);
                } catch (SQLException e) {
                    refused++;
                    messages.add(shortened(e.getMessage()));
                }
            }
            int backendsAfter = client.showBackends().size();
            boolean clear = messages.stream().noneMatch(Internals::leaks);
            return new AttackResult(hosts.size() + " bad ADD BACKEND hosts (256.1.1.1, ../../etc, 100 KB name, "
                    + "signed/out-of-range ports, a 10,000-host list)",
                    "accepted 256.1.1.1, ../../etc and 100 KB host names",
                    refused + " of " + hosts.size() + " refused, e.g. '" + messages.get(0) + "', '" + messages.get(2)
                            + "'; backends " + backendsBefore + " -> " + backendsAfter,
                    refused == hosts.size() && clear && backendsBefore == backendsAfter);
        }
    }

    private static String longList() {
        StringJoiner list = new StringJoiner(", ");
        for (int i = 0; i < LONG_LIST; i++) {
            list.add("\"127.1.63." + (i % 250 + 1) + ":" + (10_000 + i) + "\"");
        }
        return list.toString();
    }

    private static String shortened(String message) {
        return message.length() <= 90 ? message : message.substring(0, 87) + "...";
    }
}
