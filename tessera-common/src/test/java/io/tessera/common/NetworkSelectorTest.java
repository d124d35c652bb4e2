package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing the bind address from priority_networks. */
class NetworkSelectorTest {
    @Test
    void emptyMeansLoopback() throws Exception {
        assertThat(NetworkSelector.bindAddress(" ")).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aSingleHostNetworkNamesTheAddress() throws Exception {
        assertThat(NetworkSelector.bindAddress("127.0.0.3/32")).isEqualTo(InetAddress.getByName("127.0.0.3"));
        assertThat(NetworkSelector.bindAddress("127.0.0.4")).isEqualTo(InetAddress.getByName("127.0.0.4"));
    }

    @Test
    void aWiderNetworkPicksALocalAddressInIt() throws Exception {
        String foreign = foreignNetwork();
        InetAddress chosen = NetworkSelector.bindAddress(foreign + "; 127.0.0.0/8");
        assertThat(chosen.isLoopbackAddress()).isTrue();
    }

    @Test
    void unusableValuesAreNamed() throws Exception {
        String foreign = foreignNetwork();
        assertThatThrownBy(() -> NetworkSelector.bindAddress(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config priority_networks = '" + foreign + "': no local address is in priority_networks"
                        + " = " + foreign);
        assertThatThrownBy(() -> NetworkSelector.bindAddress("127.0.0.1/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'127.0.0.1/33' is not an IPv4 network (a.b.c.d/0..32)");
    }

    /** A documentation network (RFC 5737) that no interface of this machine is in. */
    private static String foreignNetwork() throws Exception {
        List<InetAddress> local = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            local.addAll(Collections.list(nic.getInetAddresses()));
        }
        for (String network : List.of("192.0.2.0", "198.51.100.0", "203.0.113.0")) {
            InetAddress address = InetAddress.getByName(network);
            if (local.stream().noneMatch(a -> a instanceof Inet4Address && NetworkSelector.inNetwork(a, address, 24))) {
                return network + "/24";
            }
        }
        throw new AssertionError("every documentation network is local here: " + local);
    }

    @Test
    void networkMembership() throws Exception {
        assertThat(NetworkSelector.inNetwork(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("10.0.0.0"), 8))
                .isTrue();
        assertThat(NetworkSelector.inNetwork(InetAddress.getByName("11.1.2.3"), InetAddress.getByName("10.0.0.0"), 8))
                .isFalse();
    }
}
