package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Recognizing a taken port, whichever transport reports it. */
class PortInUseTest {
    @Test
    void recognizesJdkAndNativeBindFailures() {
        assertThat(PortInUse.isCause(new IOException("Failed to bind", new BindException("Address already in use"))))
                .isTrue();
        assertThat(PortInUse.isCause(new IOException("Failed to bind to address /127.0.0.1:9050",
                new IOException("bind(..) failed with error(-98): Address already in use")))).isTrue();
        assertThat(PortInUse.isCause(new IOException("Permission denied"))).isFalse();
    }

    @Test
    void namesPortAndAddress() throws Exception {
        assertThat(PortInUse.error(9050, InetAddress.getByName("127.0.0.2"), null))
                .hasMessage("port 9050 on 127.0.0.2 is in use by another process");
    }
}
