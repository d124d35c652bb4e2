package io.tessera.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts established TCP connections to a local listener by reading Linux's {@code /proc/net/tcp},
 * so a test can see whether the FE still holds a connection to a BE without any tool.
 */
final class LoopbackConnections {
    private static final String ESTABLISHED = "01";

    private LoopbackConnections() {
    }

    /**
     * Established connections whose local end is {@code ipv4:port} (the server side), whether the
     * listener is an IPv4 socket ({@code /proc/net/tcp}) or a dual-stack one that sees the address
     * IPv4-mapped ({@code /proc/net/tcp6}), as Java's and Netty's sockets usually are.
     */
    static long establishedTo(String ipv4, int port) throws IOException {
        String portHex = ":" + String.format(Locale.ROOT, "%04X", port);
        String v4 = localAddressHex(ipv4) + portHex;
        String mapped = "0000000000000000FFFF0000" + localAddressHex(ipv4) + portHex;
        return count(Path.of("/proc/net/tcp"), v4) + count(Path.of("/proc/net/tcp6"), mapped);
    }

    private static long count(Path table, String local) throws IOException {
        if (!Files.exists(table)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(table);
        return lines.stream().skip(1)
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields[1].equalsIgnoreCase(local) && fields[3].equals(ESTABLISHED))
                .count();
    }

    /** /proc/net/tcp writes an IPv4 address as the hex of its little-endian 32-bit value. */
    private static String localAddressHex(String ipv4) {
        String[] parts = ipv4.split("\\.");
        StringBuilder hex = new StringBuilder();
        for (int i = 3; i >= 0; i--) {
            hex.append(String.format(Locale.ROOT, "%02X", Integer.parseInt(parts[i])));
        }
        return hex.toString();
    }
}
