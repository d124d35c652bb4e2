package io.tessera.fe.auth;

import com.google.protobuf.ByteString;
import io.tessera.proto.journal.UserAccountRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user who may log in from the hosts its name's pattern matches: the password's
 * {@code mysql_native_password} hash (never the password), the roles granted to it and the
 * privileges granted to it directly.
 *
 * @param passwordDoubleSha1 SHA1(SHA1(password)); empty for an empty password
 * @param comment            Doris's user comment ({@code ROOT}, {@code ADMIN} for the built-ins)
 * @param roles              role names in the order granted
 */
public record Account(AccountName name, byte[] passwordDoubleSha1, String comment, List<String> roles,
                      PrivilegeGrants grants) {
    public Account {
        Objects.requireNonNull(name, "name is null");
        passwordDoubleSha1 = passwordDoubleSha1.clone();
        Objects.requireNonNull(comment, "comment is null");
        roles = List.copyOf(roles);
        Objects.requireNonNull(grants, "grants is null");
    }

    public boolean hasPassword() {
        return passwordDoubleSha1.length > 0;
    }

    @Override
    public byte[] passwordDoubleSha1() {
        return passwordDoubleSha1.clone();
    }

    public Account withPassword(byte[] doubleSha1) {
        return new Account(name, doubleSha1, comment, roles, grants);
    }

    public Account withRoles(List<String> nextRoles) {
        return new Account(name, passwordDoubleSha1, comment, nextRoles, grants);
    }

    public Account withGrants(PrivilegeGrants nextGrants) {
        return new Account(name, passwordDoubleSha1, comment, roles, nextGrants);
    }

    public UserAccountRecord toRecord() {
        return UserAccountRecord.newBuilder().setUser(name.user()).setHost(name.host())
                .setPasswordDoubleSha1(ByteString.copyFrom(passwordDoubleSha1))
                .setComment(comment).addAllRoles(roles).addAllGrants(grants.toRecords()).build();
    }

    public static Account fromRecord(UserAccountRecord record) {
        return new Account(new AccountName(record.getUser(), record.getHost()),
                record.getPasswordDoubleSha1().toByteArray(), record.getComment(), record.getRolesList(),
                PrivilegeGrants.fromRecords(record.getGrantsList()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Account that && name.equals(that.name)
                && Arrays.equals(passwordDoubleSha1, that.passwordDoubleSha1) && comment.equals(that.comment)
                && roles.equals(that.roles) && grants.equals(that.grants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(passwordDoubleSha1), comment, roles, grants);
    }

    /** Never shows the hash. */
    @Override
    public String toString() {
        return "Account[" + name + ", roles=" + roles + ", " + grants + "]";
    }
}
