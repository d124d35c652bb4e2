package io.tessera.be.heartbeat;

import static io.tessera.be.heartbeat.HeartbeatFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.be.heartbeat.FrontendLocator.FrontendAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend learns where the FE is from accepted heartbeats only. */
class FrontendLocatorTest {
    @TempDir
    Path dir;

    @Test
    void acceptedHeartbeatsNameTheFrontendAndRefusedOnesDoNot() {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 1);
        FrontendLocator locator = new FrontendLocator();
        List<FrontendAddress> heard = new ArrayList<>();
        locator.addListener(heard::add);
        HeartbeatHandler handler = new HeartbeatHandler("127.0.0.1", fixture.binding, fixture.roots,
                HeartbeatFixture.NODE, () -> false, locator::accept);

        assertThat(locator.current()).isEmpty();
        handler.handle(request(0, "t", 10001));
        assertThat(locator.current()).isEmpty();

        handler.handle(request(5, "t", 10001));
        FrontendAddress expected = new FrontendAddress("127.0.0.1", 9020, 10001, "127.0.0.1");
        assertThat(locator.current()).contains(expected);
        handler.handle(request(5, "t", 10001));
        assertThat(heard).containsExactly(expected);

        handler.handle(request(6, "t", 10009));
        assertThat(locator.current()).contains(expected);
    }
}
