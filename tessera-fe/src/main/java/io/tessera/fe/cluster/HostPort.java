package io.tessera.fe.cluster;

import java.util.Objects;

/**
 * A backend's {@code host:heartbeat_port} identity. Hosts compare as plain strings, as in
 * Doris: a backend added by IP is not found by its host name.
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host is null");
    }

    /** {@code host:port}, with IPv6 hosts in brackets: {@code [fe80::1]:9050}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
