package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.journal.DropRoleRecord;
import io.tessera.proto.journal.DropUserRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Accounts as journaled state: the built-ins of the empty state, every record kind replayed, the
 * same state again after replaying the journal into a fresh FE and after loading a snapshot, and
 * replay's invariant checks.
 */
class AccountsTest {
    private static final AccountName JACK = new AccountName("jack", "127.0.%");
    private static final AccountName JILL = new AccountName("jill", "%");

    private final AccountChanges changes = new AccountChanges();

    @Test
    void aFreshStateHoldsTheBuiltInsWithoutPasswords() {
        Accounts.Image image = new Accounts().snapshot();
        Account root = image.account(new AccountName("root", "%")).orElseThrow();
        Account admin = image.account(new AccountName("admin", "%")).orElseThrow();
        assertThat(root.roles()).containsExactly("operator");
        assertThat(admin.roles()).containsExactly("admin");
        assertThat(root.hasPassword()).isFalse();
        assertThat(admin.hasPassword()).isFalse();
        assertThat(image.holds(root, Privilege.NODE, "", "")).isTrue();
        assertThat(image.holds(admin, Privilege.NODE, "", "")).isFalse();
        assertThat(image.holds(admin, Privilege.ADMIN, "", "")).isTrue();
    }

    @Test
    void everyRecordKindReplaysAndSurvivesAJournalReplayAndASnapshot() {
        List<JournalBatch> journal = new ArrayList<>();
        Accounts running = new Accounts();
        ReplayDispatcher dispatcher = new ReplayDispatcher(List.of(running));
        apply(dispatcher, journal, changes.createRole(running.snapshot(), "reader", false));
        apply(dispatcher, journal, changes.createRole(running.snapshot(), "doomed", false));
        apply(dispatcher, journal, changes.createUser(running.snapshot(), JACK, NativePassword.doubleSha1("pw"),
                false, Optional.of("reader")));
        apply(dispatcher, journal, changes.createUser(running.snapshot(), JILL, new byte[0], false, Optional.empty()));
        apply(dispatcher, journal, changes.grant(running.snapshot(), Grantee.role("reader"), GrantScope.database("db1"),
                EnumSet.of(Privilege.SELECT, Privilege.LOAD)));
        apply(dispatcher, journal, changes.grant(running.snapshot(), Grantee.account(JACK),
                GrantScope.table("db1", "t1"), EnumSet.of(Privilege.ALTER)));
        apply(dispatcher, journal, changes.grant(running.snapshot(), Grantee.account(JACK), GrantScope.GLOBAL,
                EnumSet.of(Privilege.NODE)));
        apply(dispatcher, journal, changes.grantRoles(running.snapshot(), List.of("doomed"), JACK, false));
        apply(dispatcher, journal, changes.setPassword(running.snapshot(), JACK, NativePassword.doubleSha1("pw2"), false));
        apply(dispatcher, journal, changes.revoke(running.snapshot(), Grantee.role("reader"),
                GrantScope.database("db1"), EnumSet.of(Privilege.LOAD)));
        apply(dispatcher, journal, changes.dropRole(running.snapshot(), "doomed", false));
        apply(dispatcher, journal, changes.dropUser(running.snapshot(), JILL, false));
        apply(dispatcher, journal, changes.setPassword(running.snapshot(), new AccountName("root", "%"),
                NativePassword.doubleSha1("rootpw"), false));

        Accounts.Image image = running.snapshot();
        Account jack = image.account(JACK).orElseThrow();
        assertThat(jack.roles()).containsExactly("reader");
        assertThat(jack.passwordDoubleSha1()).isEqualTo(NativePassword.doubleSha1("pw2"));
        assertThat(image.holds(jack, Privilege.SELECT, "db1", "any")).isTrue();
        assertThat(image.holds(jack, Privilege.LOAD, "db1", "any")).isFalse();
        assertThat(image.holds(jack, Privilege.ALTER, "db1", "t1")).isTrue();
        assertThat(image.holds(jack, Privilege.ALTER, "db1", "t2")).isFalse();
        assertThat(image.holds(jack, Privilege.NODE, "", "")).isTrue();
        assertThat(image.holds(jack, Privilege.SELECT, "information_schema", "")).isTrue();
        assertThat(image.account(JILL)).isEmpty();
        assertThat(image.role("doomed")).isEmpty();
        assertThat(image.account(new AccountName("root", "%")).orElseThrow().hasPassword()).isTrue();

        // A restart that replays the journal.
        Accounts replayed = new Accounts();
        ReplayDispatcher fresh = new ReplayDispatcher(List.of(replayed));
        journal.forEach(fresh::replay);
        assertThat(replayed.snapshot()).isEqualTo(image);

        // A restart that loads a snapshot.
        List<SnapshotRecord> file = new ArrayList<>();
        dispatcher.capture().forEachRecord(file::add);
        assertThat(file).extracting(SnapshotRecord::getPayloadCase).contains(SnapshotRecord.PayloadCase.USER_ACCOUNT,
                SnapshotRecord.PayloadCase.ROLE);
        Accounts loaded = new Accounts();
        new ReplayDispatcher(List.of(loaded)).replaySnapshot(file);
        assertThat(loaded.snapshot()).isEqualTo(image);
    }

    @Test
    void recordsKeepPrivilegesByNameAndNoPlainPassword() {
        List<JournalRecord> records = changes.createUser(new Accounts().snapshot(), JACK,
                NativePassword.doubleSha1("sekrit-pw"), false, Optional.empty());
        assertThat(records.get(0).toString()).doesNotContain("sekrit-pw");
        Accounts.Image granted = apply(new Accounts(), records);
        JournalRecord grant = changes.grant(granted, Grantee.account(JACK), GrantScope.GLOBAL,
                EnumSet.of(Privilege.GRANT)).get(0);
        assertThat(grant.getUserAccount().getGrants(0).getPrivilegesList()).containsExactly("GRANT");
    }

    @Test
    void replayRefusesWhatCannotBeTrue() {
        Accounts accounts = new Accounts();
        assertThatThrownBy(() -> accounts.replay(JournalRecord.newBuilder().setDropUser(DropUserRecord.newBuilder()
                .setUser("nobody").setHost("%")).build())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> accounts.replay(JournalRecord.newBuilder().setDropRole(DropRoleRecord.newBuilder()
                .setName("nothing")).build())).isInstanceOf(IllegalStateException.class);
        Account withUnknownRole = new Account(JACK, new byte[0], "", List.of("nothing"), PrivilegeGrants.NONE);
        assertThatThrownBy(() -> accounts.replay(JournalRecord.newBuilder().setUserAccount(withUnknownRole.toRecord())
                .build())).isInstanceOf(IllegalStateException.class);
    }

    private static Accounts.Image apply(Accounts accounts, List<JournalRecord> records) {
        records.forEach(accounts::replay);
        return accounts.snapshot();
    }

    private static void apply(ReplayDispatcher dispatcher, List<JournalBatch> journal, List<JournalRecord> records) {
        JournalBatch batch = JournalBatch.newBuilder().addAllRecords(records).build();
        journal.add(batch);
        dispatcher.replay(batch);
    }
}
