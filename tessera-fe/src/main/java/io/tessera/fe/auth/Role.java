package io.tessera.fe.auth;

import io.tessera.proto.journal.RoleRecord;
import java.util.Objects;

/** A named set of grants that accounts may be given. */
public record Role(String name, String comment, PrivilegeGrants grants) {
    public Role {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(comment, "comment is null");
        Objects.requireNonNull(grants, "grants is null");
    }

    public Role withGrants(PrivilegeGrants nextGrants) {
        return new Role(name, comment, nextGrants);
    }

    public RoleRecord toRecord() {
        return RoleRecord.newBuilder().setName(name).setComment(comment).addAllGrants(grants.toRecords()).build();
    }

    public static Role fromRecord(RoleRecord record) {
        return new Role(record.getName(), record.getComment(), PrivilegeGrants.fromRecords(record.getGrantsList()));
    }
}
