package io.tessera.fe.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the FE knows for certain about one backend: its registration and the flags an operator
 * set. This is hard state: it changes only by replaying journal records. Liveness and everything
 * a heartbeat reports are soft state and live elsewhere.
 *
 * @param id             the backend id, from the catalog id generator
 * @param host           the host exactly as the operator typed it (no IPv6 brackets)
 * @param heartbeatPort  the heartbeat port the operator typed
 * @param tags           tag type to value, {@code location} first; never empty
 * @param decommissioned set by DECOMMISSION, cleared by CANCEL DECOMMISSION
 * @param queryDisabled  MODIFY ... SET ("disable_query" = "true")
 * @param loadDisabled   MODIFY ... SET ("disable_load" = "true")
 */
public record Backend(
        long id,
        String host,
        int heartbeatPort,
        Map<String, String> tags,
        boolean decommissioned,
        boolean queryDisabled,
        boolean loadDisabled) {
    public Backend {
        Objects.requireNonNull(host, "host is null");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Its {@code tag.location}: where placement counts it; {@code default} when untagged. */
    public String location() {
        return tags.getOrDefault(BackendTags.LOCATION, BackendTags.DEFAULT_LOCATION);
    }

    public HostPort hostPort() {
        return new HostPort(host, heartbeatPort);
    }

    public Backend withDecommissioned(boolean value) {
        return new Backend(id, host, heartbeatPort, tags, value, queryDisabled, loadDisabled);
    }

    public Backend withTags(Map<String, String> value) {
        return new Backend(id, host, heartbeatPort, value, decommissioned, queryDisabled, loadDisabled);
    }

    public Backend withQueryDisabled(boolean value) {
        return new Backend(id, host, heartbeatPort, tags, decommissioned, value, loadDisabled);
    }

    public Backend withLoadDisabled(boolean value) {
        return new Backend(id, host, heartbeatPort, tags, decommissioned, queryDisabled, value);
    }
}
