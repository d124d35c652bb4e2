package io.tessera.fe.auth;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.proto.journal.DropRoleRecord;
import io.tessera.proto.journal.DropUserRecord;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generate half of every account statement: checks a change against the accounts' image,
 * with Doris's rules and texts, and returns the records that make it (whole accounts and roles as
 * upserts, or drops), changing nothing itself. Who may ask for a change is {@link GrantorRules}'
 * question, not this class's.
 *
 * <p>Threading: stateless; called on the metadata writer's thread with the image of that moment,
 * so two statements never validate against the same stale state.
 */
public final class AccountChanges {
    /** Doris's user name rule (FeNameFormat): a letter, then letters, digits, '_', '.', '-'; at most 64. */
    private static final Pattern USER_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.\\-]{0,63}");
    private static final Pattern ROLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.\\-]{0,63}");

    public List<JournalRecord> createUser(Accounts.Image image, AccountName name, byte[] passwordDoubleSha1,
                                          boolean ifNotExists, Optional<String> defaultRole) {
        if (name.user().isEmpty()) {
            throw bad("Does not support anonymous user");
        }
        if (name.user().equals(Accounts.ROOT)) {
            throw bad("Can not create root user");
        }
        if (!USER_NAME.matcher(name.user()).matches()) {
            throw bad("invalid user name: " + name.user());
        }
        List<String> roles = new ArrayList<>();
        if (defaultRole.isPresent()) {
            String role = defaultRole.get();
            if (role.equals(Accounts.OPERATOR_ROLE)) {
                throw bad("Can not granted user to role: " + role);
            }
            if (image.role(role).isEmpty()) {
                throw unknown("Role: " + role + " does not exist");
            }
            roles.add(role);
        }
        if (image.account(name).isPresent()) {
            if (ifNotExists) {
                return List.of();
            }
            throw conflict("User " + name + " already exist");
        }
        return List.of(account(new Account(name, passwordDoubleSha1, "", roles, PrivilegeGrants.NONE)));
    }

    public List<JournalRecord> dropUser(Accounts.Image image, AccountName name, boolean ifExists) {
        if (name.user().equals(Accounts.ROOT)) {
            throw bad("Can not drop root user");
        }
        if (name.user().equals(Accounts.ADMIN) && name.host().equals("%")) {
            throw bad("Can not drop admin user");
        }
        if (image.account(name).isEmpty()) {
            if (ifExists) {
                return List.of();
            }
            throw unknown("User `" + name.user() + "`@`" + name.host() + "` does not exist.");
        }
        return List.of(JournalRecord.newBuilder().setDropUser(DropUserRecord.newBuilder()
                .setUser(name.user()).setHost(name.host())).build());
    }

    public List<JournalRecord> setPassword(Accounts.Image image, AccountName name, byte[] passwordDoubleSha1,
                                           boolean ifExists) {
        Optional<Account> account = image.account(name);
        if (account.isEmpty()) {
            if (ifExists) {
                return List.of();
            }
            throw unknown("user " + name + " does not exist");
        }
        return List.of(account(account.get().withPassword(passwordDoubleSha1)));
    }

    public List<JournalRecord> createRole(Accounts.Image image, String role, boolean ifNotExists) {
        if (!ROLE_NAME.matcher(role).matches()) {
            throw bad("invalid role format: " + role);
        }
        if (image.role(role).isPresent()) {
            if (ifNotExists) {
                return List.of();
            }
            throw conflict("Role " + role + " already exists");
        }
        return List.of(role(new Role(role, "", PrivilegeGrants.NONE)));
    }

    public List<JournalRecord> dropRole(Accounts.Image image, String role, boolean ifExists) {
        if (builtInRole(role)) {
            throw bad("Can not drop role: " + role);
        }
        if (image.role(role).isEmpty()) {
            if (ifExists) {
                return List.of();
            }
            throw unknown("Role " + role + " does not exist");
        }
        return List.of(JournalRecord.newBuilder().setDropRole(DropRoleRecord.newBuilder().setName(role)).build());
    }

    /**
     * GRANT privileges ON scope TO grantee. The scope must exist and the grantee must not be a
     * built-in role: the caller checks both, in Doris's order.
     */
    public List<JournalRecord> grant(Accounts.Image image, Grantee grantee, GrantScope scope,
                                     Set<Privilege> privileges) {
        if (grantee.account() != null) {
            Account account = image.account(grantee.account())
                    .orElseThrow(() -> unknown("user " + grantee.account() + " does not exist"));
            return List.of(account(account.withGrants(account.grants().plus(scope, privileges))));
        }
        Role role = image.role(grantee.role()).orElseThrow(() -> unknown("role:" + grantee.role() + " does not exist"));
        return List.of(role(role.withGrants(role.grants().plus(scope, privileges))));
    }

    /** REVOKE privileges ON scope FROM grantee: Doris's texts name the user's default role. */
    public List<JournalRecord> revoke(Accounts.Image image, Grantee grantee, GrantScope scope,
                                      Set<Privilege> privileges) {
        if (grantee.account() != null) {
            AccountName name = grantee.account();
            String defaultRole = "default_role_rbac_" + name.user() + "@" + name.host();
            Account account = image.account(name)
                    .orElseThrow(() -> unknown("Role " + defaultRole + " does not exist"));
            if (!account.grants().has(scope)) {
                throw unknown(scope + " does not exist in role " + defaultRole);
            }
            return List.of(account(account.withGrants(account.grants().minus(scope, privileges))));
        }
        Role role = image.role(grantee.role()).orElseThrow(() -> unknown("Role " + grantee.role() + " does not exist"));
        if (!role.grants().has(scope)) {
            throw unknown(scope + " does not exist in role " + role.name());
        }
        return List.of(role(role.withGrants(role.grants().minus(scope, privileges))));
    }

    /** GRANT 'r' TO account, or REVOKE 'r' FROM account. */
    public List<JournalRecord> grantRoles(Accounts.Image image, List<String> roles, AccountName name, boolean revoke) {
        for (String role : roles) {
            if (role.equals(Accounts.OPERATOR_ROLE)) {
                throw bad(revoke ? "Can not revoke role: " + role : "Can not granted user to role: " + role);
            }
        }
        Account account = image.account(name).orElseThrow(() -> unknown("user: " + name + " does not exist"));
        List<String> next = new ArrayList<>(account.roles());
        for (String role : roles) {
            if (image.role(role).isEmpty()) {
                throw unknown("role:" + role + " does not exist");
            }
            if (revoke) {
                next.remove(role);
            } else if (!next.contains(role)) {
                next.add(role);
            }
        }
        return List.of(account(account.withRoles(next)));
    }

    /**
     * SET PROPERTY [FOR 'user'] 'key' = 'value' [, ...], with Doris's texts: the user name must have
     * an account, and every pair is checked before any is set. Keys are matched ignoring case.
     * Tessera knows one key, {@code max_user_connections} (1 to 10000).
     */
    public List<JournalRecord> setUserProperties(Accounts.Image image, String user,
                                                 List<Map.Entry<String, String>> assignments) {
        if (!image.userExists(user)) {
            throw bad("Unknown user(" + user + ")");
        }
        UserProperties current = image.properties().getOrDefault(user, new UserProperties(user, 0));
        long maxConnections = current.maxUserConnections();
        for (Map.Entry<String, String> assignment : assignments) {
            String key = assignment.getKey();
            if (!key.equalsIgnoreCase(UserProperties.MAX_USER_CONNECTIONS)) {
                throw bad("Unknown user property(" + key + ")");
            }
            maxConnections = maxUserConnections(assignment.getValue());
        }
        return List.of(JournalRecord.newBuilder()
                .setUserProperty(new UserProperties(user, maxConnections).toRecord()).build());
    }

    private static long maxUserConnections(String text) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(UserProperties.MAX_USER_CONNECTIONS + " is not number");
        }
        if (value <= 0 || value > UserProperties.MAX_USER_CONNECTIONS_LIMIT) {
            throw bad(UserProperties.MAX_USER_CONNECTIONS + " is not valid, must between 1 and "
                    + UserProperties.MAX_USER_CONNECTIONS_LIMIT);
        }
        return value;
    }

    public static boolean builtInRole(String role) {
        return role.equals(Accounts.OPERATOR_ROLE) || role.equals(Accounts.ADMIN_ROLE);
    }

    private static JournalRecord account(Account account) {
        return JournalRecord.newBuilder().setUserAccount(account.toRecord()).build();
    }

    private static JournalRecord role(Role role) {
        return JournalRecord.newBuilder().setRole(role.toRecord()).build();
    }

    private static TesseraException bad(String text) {
        return new TesseraException(ErrorCode.BAD_STATEMENT, text);
    }

    private static TesseraException unknown(String text) {
        return new TesseraException(ErrorCode.UNKNOWN_OBJECT, text);
    }

    private static TesseraException conflict(String text) {
        return new TesseraException(ErrorCode.CONFLICT, text);
    }
}
