package io.tessera.fe.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * Picks the node's address from Doris's {@code priority_networks}: a semicolon- or
 * comma-separated list of IPv4 CIDRs. Stateless.
 */
public final class NetworkSelector {
    private NetworkSelector() {
    }

    public static InetAddress select(String priorityNetworks) throws UnknownHostException {
        for (String cidr : priorityNetworks.split("[;,]")) {
            String trimmed = cidr.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("/");
            InetAddress network = InetAddress.getByName(parts[0]);
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
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
        int a = toInt(address.getAddress());
        int n = toInt(network.getAddress());
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (a & mask) == (n & mask);
    }

    private static int toInt(byte[] bytes) {
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }
}
