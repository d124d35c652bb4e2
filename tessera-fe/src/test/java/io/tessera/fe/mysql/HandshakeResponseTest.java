package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeResponseTest {
    private static final int LENENC = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CONNECT_WITH_DB
            | Capabilities.CONNECT_ATTRS | Capabilities.DEPRECATE_EOF | Capabilities.SSL;

    @Test
    void parsesEveryField() {
        byte[] auth = new byte[20];
        auth[0] = 7;
        ByteArrayOutputStream payload = fixedPart(LENENC);
        string(payload, "op");
        payload.write(20);
        payload.writeBytes(auth);
        string(payload, "demo");
        string(payload, "mysql_native_password");
        payload.write(4); // connect attributes: one key "a" and value "b"
        payload.writeBytes(new byte[] {1, 'a', 1, 'b'});

        HandshakeResponse response = HandshakeResponse.parse(payload.toByteArray(), Capabilities.SERVER);
        assertThat(response.user()).isEqualTo("op");
        assertThat(response.authResponse()).isEqualTo(auth);
        assertThat(response.database()).isEqualTo("demo");
        assertThat(response.authPlugin()).isEqualTo("mysql_native_password");
        assertThat(response.needsAuthSwitch()).isFalse();
        assertThat(response.capabilities().has(Capabilities.SSL)).as("not offered").isFalse();
        assertThat(response.capabilities().deprecateEof()).isTrue();
    }

    @Test
    void readsOneByteAndNulTerminatedAuthResponses() {
        ByteArrayOutputStream secure = fixedPart(Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION);
        string(secure, "root");
        secure.write(0);
        HandshakeResponse response = HandshakeResponse.parse(secure.toByteArray(), Capabilities.SERVER);
        assertThat(response.authResponse()).isEmpty();
        assertThat(response.database()).isNull();
        assertThat(response.authPlugin()).isNull();

        ByteArrayOutputStream old = fixedPart(Capabilities.PROTOCOL_41);
        string(old, "root");
        string(old, "xy");
        assertThat(HandshakeResponse.parse(old.toByteArray(), Capabilities.SERVER).authResponse())
                .containsExactly('x', 'y');
    }

    @Test
    void asksForSwitchOnlyForOtherPluginWithAnswer() {
        ByteArrayOutputStream payload = fixedPart(LENENC);
        string(payload, "op");
        payload.write(1);
        payload.write(9);
        payload.write(0); // empty database
        string(payload, "caching_sha2_password");
        HandshakeResponse response = HandshakeResponse.parse(payload.toByteArray(), Capabilities.SERVER);
        assertThat(response.database()).isNull();
        assertThat(response.needsAuthSwitch()).isTrue();

        ByteArrayOutputStream empty = fixedPart(LENENC);
        string(empty, "root");
        empty.write(0);
        empty.write(0);
        string(empty, "caching_sha2_password");
        assertThat(HandshakeResponse.parse(empty.toByteArray(), Capabilities.SERVER).needsAuthSwitch()).isFalse();
    }

    @Test
    void rejectsMalformedResponses() {
        assertThatThrownBy(() -> HandshakeResponse.parse(new byte[10], Capabilities.SERVER))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> HandshakeResponse.parse(fixedPart(0).toByteArray(), Capabilities.SERVER))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("4.1");
        ByteArrayOutputStream noUser = fixedPart(LENENC);
        assertThatThrownBy(() -> HandshakeResponse.parse(noUser.toByteArray(), Capabilities.SERVER))
                .isInstanceOf(MalformedPacketException.class);
        ByteArrayOutputStream shortAuth = fixedPart(LENENC);
        string(shortAuth, "op");
        shortAuth.write(20);
        shortAuth.write(1);
        assertThatThrownBy(() -> HandshakeResponse.parse(shortAuth.toByteArray(), Capabilities.SERVER))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("overruns");
    }

    private static ByteArrayOutputStream fixedPart(int flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 4; i++) {
            out.write(flags >>> (8 * i) & 0xff);
        }
        out.writeBytes(new byte[] {0, 0, 0, 1, 33});
        out.writeBytes(new byte[23]);
        return out;
    }

    private static void string(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
