package io.tessera.fe.ddl;

/**
 * How long creating a partition's replicas may take, as Doris computes it
 * ({@code DbUtil.getCreateReplicasTimeoutMs}): {@code tablet_create_timeout_second} for each replica
 * of the partition, at least {@code min_create_table_timeout_second} and at most
 * {@code max_create_table_timeout_second}.
 */
public record TabletCreateTimeouts(int tabletCreateTimeoutSecond, int minCreateTableTimeoutSecond,
                                   int maxCreateTableTimeoutSecond) {
    public static final int DEFAULT_TABLET_CREATE_TIMEOUT_SECOND = 2;
    public static final int DEFAULT_MIN_CREATE_TABLE_TIMEOUT_SECOND = 30;
    public static final int DEFAULT_MAX_CREATE_TABLE_TIMEOUT_SECOND = 3600;
    public static final TabletCreateTimeouts DEFAULT = new TabletCreateTimeouts(DEFAULT_TABLET_CREATE_TIMEOUT_SECOND,
            DEFAULT_MIN_CREATE_TABLE_TIMEOUT_SECOND, DEFAULT_MAX_CREATE_TABLE_TIMEOUT_SECOND);

    public TabletCreateTimeouts {
        if (tabletCreateTimeoutSecond < 1 || minCreateTableTimeoutSecond < 1 || maxCreateTableTimeoutSecond < 1) {
            throw new IllegalArgumentException("tablet creation timeouts must be positive: "
                    + tabletCreateTimeoutSecond + ", " + minCreateTableTimeoutSecond + ", "
                    + maxCreateTableTimeoutSecond);
        }
    }

    /** The time allowed to create {@code replicas} replicas of one partition. */
    public long timeoutMs(int replicas) {
        long timeoutMs = tabletCreateTimeoutSecond * 1000L * replicas;
        timeoutMs = Math.max(timeoutMs, minCreateTableTimeoutSecond * 1000L);
        return Math.min(timeoutMs, maxCreateTableTimeoutSecond * 1000L);
    }
}
