package io.tessera.common;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * Picks a node's address from Doris's {@code priority_networks}: a semicolon- or comma-separated
 * list of IPv4 CIDRs. Shared by the FE and the BE so both read the key the same way: a single-host
 * network such as {@code 127.0.0.2/32} names the address directly (any 127.x address works on
 * Linux); otherwise the first local address inside one of the networks is used; empty means
 * 127.0.0.1, so a local node is never exposed by accident. Stateless.
 */
public final class NetworkSelector {
    private static final String LOOPBACK = "127.0.0.1";

    private NetworkSelector() {
    }

    /**
     * The address every listener of the node binds.
     *
     * @throws IllegalArgumentException when the value cannot be used, naming it
     */
    public static InetAddress bindAddress(String priorityNetworks) {
        try {
            if (priorityNetworks.isBlank()) {
                return InetAddress.getByName(LOOPBACK);
            }
            return select(priorityNetworks);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("config priority_networks = '" + priorityNetworks + "': "
                    + e.getMessage(), e);
        }
    }

    /** The first address matching the networks, in the order they are listed. */
    public static InetAddress select(String priorityNetworks) throws UnknownHostException {
        for (String cidr : priorityNetworks.split("[;,]")) {
            String trimmed = cidr.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("/");
            InetAddress network = InetAddress.getByName(parts[0]);
            int prefix = parts.length > 1 ? prefixLength(parts[1], trimmed) : 32;
            if (prefix == 32 || network.isAnyLocalAddress()) {
                return network;
            }
            InetAddress local = firstLocalAddressIn(network, prefix);
            if (local != null) {
                return local;
            }
        }
        throw new UnknownHostException("no local address is in priority_networks = " + priorityNetworks);
    }

    private static int prefixLength(String text, String cidr) throws UnknownHostException {
        try {
            int prefix = Integer.parseInt(text.strip());
            if (prefix >= 0 && prefix <= 32) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UnknownHostException("'" + cidr + "' is not an IPv4 network (a.b.c.d/0..32)");
    }

    private static InetAddress firstLocalAddressIn(InetAddress network, int prefix) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && inNetwork(address, network, prefix)) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    static boolean inNetwork(InetAddress address, InetAddress network, int prefix) {
        if (!(network instanceof Inet4Address)) {
            return false;
        }
        int a = toInt(address.getAddress());
        int n = toInt(network.getAddress());
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (a & mask) == (n & mask);
    }

    private static int toInt(byte[] bytes) {
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }
}
