package io.tessera.be.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.heartbeat.HeartbeatRequest;
import org.junit.jupiter.api.Test;

/** The FE a backend calls is the one of the latest accepted heartbeat that names it. */
class FrontendAddressTest {
    @Test
    void keepsTheLatestFrontendThatSaidWhereItIs() {
        FrontendAddress address = new FrontendAddress();
        assertThat(address.current()).isEmpty();
        address.update(HeartbeatRequest.newBuilder().setFrontendHost("127.0.0.1").setFrontendRpcPort(9020).build());
        address.update(HeartbeatRequest.newBuilder().setFrontendHost("").setFrontendRpcPort(9021).build());
        assertThat(address.current()).contains(new FrontendAddress.Endpoint("127.0.0.1", 9020));
        address.update(HeartbeatRequest.newBuilder().setFrontendHost("127.0.0.9").setFrontendRpcPort(9022).build());
        assertThat(address.current()).contains(new FrontendAddress.Endpoint("127.0.0.9", 9022));
    }
}
