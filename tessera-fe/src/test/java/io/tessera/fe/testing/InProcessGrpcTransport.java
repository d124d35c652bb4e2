package io.tessera.fe.testing;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.inprocess.InProcessSocketAddress;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.GrpcTransport;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * gRPC in memory ({@code grpc-inprocess}) for the nodes of one {@link InProcessCluster}: no
 * sockets, no Netty event loops, no HTTP/2 framing. A listener is registered under the name
 * {@code <cluster>/<host>:<port>} and a channel to {@code host:port} looks up the same name, so the
 * nodes address each other exactly as over TCP (backends registered as {@code host:heartbeat_port},
 * the {@code be_port} heartbeats report, the FE's {@code rpc_port} in heartbeats). The cluster
 * prefix keeps the listeners of clusters of one JVM apart even when they use the same hosts.
 *
 * <p>There are no real ports: a listener asked for port 0 gets the next free number of this
 * transport (from {@value #FIRST_FREE_PORT}), and {@link #listeningPort} reads it back from the
 * listener's name. A channel to a name nobody listens on fails with UNAVAILABLE, as a refused
 * connection does. Calls still run on the executors the callers give (the bounded pools of
 * {@code GrpcServer} and of the channels); keep-alive and the per-connection call cap do nothing
 * here, the listener's calls-in-flight limit still applies.
 *
 * <p>Threading: thread-safe (an atomic port counter; the rest is immutable).
 */
final class InProcessGrpcTransport implements GrpcTransport {
    /** Where fake port numbers start: above the ports the fixture names itself (9020 and up). */
    static final int FIRST_FREE_PORT = 40_000;

    private final String cluster;
    private final AtomicInteger nextFreePort = new AtomicInteger(FIRST_FREE_PORT);

    /** @param cluster what tells this cluster's listener names from other clusters' in the JVM */
    InProcessGrpcTransport(String cluster) {
        this.cluster = cluster;
    }

    /** A transport with a prefix of its own (a random name). */
    static InProcessGrpcTransport isolated() {
        return new InProcessGrpcTransport(InProcessServerBuilder.generateName());
    }

    @Override
    public ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits) {
        int listening = port != 0 ? port : nextFreePort.getAndIncrement();
        return InProcessServerBuilder.forName(name(address.getHostAddress(), listening));
    }

    @Override
    public int listeningPort(Server started, int requestedPort) {
        for (SocketAddress address : started.getListenSockets()) {
            if (address instanceof InProcessSocketAddress named) {
                String name = named.getName();
                return Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
            }
        }
        throw new IllegalStateException("not an in-process listener: " + started.getListenSockets());
    }

    @Override
    public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
        return InProcessChannelBuilder.forName(name(literal(host), port));
    }

    private String name(String hostAddress, int port) {
        return cluster + "/" + hostAddress + ":" + port;
    }

    /** The address literal of a host, as listeners are named; a host that does not resolve stays as it is. */
    private static String literal(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
