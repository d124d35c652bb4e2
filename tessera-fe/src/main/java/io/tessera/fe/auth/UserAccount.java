package io.tessera.fe.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user who may log in.
 *
 * @param name               user name
 * @param passwordDoubleSha1 SHA1(SHA1(password)) as {@code mysql_native_password} stores it;
 *                           empty for an empty password
 * @param globalPrivileges   privileges on {@code *.*.*}
 */
public record UserAccount(String name, byte[] passwordDoubleSha1, Set<Privilege> globalPrivileges) {
    public UserAccount {
        Objects.requireNonNull(name, "name is null");
        passwordDoubleSha1 = passwordDoubleSha1.clone();
        globalPrivileges = globalPrivileges.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(globalPrivileges));
    }

    public boolean hasPassword() {
        return passwordDoubleSha1.length > 0;
    }

    @Override
    public byte[] passwordDoubleSha1() {
        return passwordDoubleSha1.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserAccount that
                && name.equals(that.name)
                && Arrays.equals(passwordDoubleSha1, that.passwordDoubleSha1)
                && globalPrivileges.equals(that.globalPrivileges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(passwordDoubleSha1), globalPrivileges);
    }

    @Override
    public String toString() {
        return "UserAccount[" + name + ", " + globalPrivileges + "]";
    }
}
