package io.tessera.fe.replication;

/**
 * Doris's {@code TabletSchedulerStat} counters, in the order and with the labels SHOW PROC
 * '/cluster_balance/sched_stat' prints. Those Tessera has no equivalent for stay 0 (see
 * docs/compatibility.md).
 */
public enum SchedStat {
    CHECK_ROUNDS("num of tablet check round"),
    CHECK_COST_MS("cost of tablet check(ms)"),
    TABLETS_CHECKED("num of tablet checked in tablet checker"),
    UNHEALTHY_CHECKED("num of unhealthy tablet checked in tablet checker"),
    ADDED_TO_SCHEDULER("num of tablet being added to tablet scheduler"),
    SCHEDULE_ROUNDS("num of tablet schedule round"),
    SCHEDULE_COST_MS("cost of tablet schedule(ms)"),
    SCHEDULED("num of tablet being scheduled"),
    SCHEDULED_SUCCEEDED("num of tablet being scheduled succeeded"),
    SCHEDULED_FAILED("num of tablet being scheduled failed"),
    SCHEDULED_DISCARD("num of tablet being scheduled discard"),
    PRIORITY_UPGRADED("num of tablet priority upgraded"),
    PRIORITY_DOWNGRADED("num of tablet priority downgraded"),
    CLONE_TASKS("num of clone task"),
    CLONE_SUCCEEDED("num of clone task succeeded"),
    CLONE_FAILED("num of clone task failed"),
    CLONE_TIMEOUT("num of clone task timeout"),
    REPLICA_MISSING("num of replica missing error"),
    REPLICA_VERSION_MISSING("num of replica version missing error"),
    REPLICA_UNAVAILABLE("num of replica unavailable error"),
    REPLICA_REDUNDANT("num of replica redundant error"),
    REPLICA_MISSING_IN_CLUSTER("num of replica missing in cluster error"),
    REPLICA_MISSING_FOR_TAG("num of replica missing for tag error"),
    BALANCE_SCHEDULED("num of balance scheduled"),
    COLOCATE_MISMATCH("num of colocate replica mismatch"),
    COLOCATE_REDUNDANT("num of colocate replica redundant");

    private final String label;

    SchedStat(String label) {
        this.label = label;
    }

    /** Doris's {@code @StatField} label, verbatim. */
    public String label() {
        return label;
    }
}
