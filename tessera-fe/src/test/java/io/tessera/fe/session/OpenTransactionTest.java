package io.tessera.fe.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.TesseraException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of a session's open transaction: rows, one table, time. */
class OpenTransactionTest {
    private static final List<Object> ROW = List.of(1, "a");

    @Test
    void refusesRowsPastItsLimit() {
        OpenTransaction transaction = new OpenTransaction("l", 0, 10_000, 3);
        transaction.add("db", "t", List.of(ROW, ROW), 1);
        TesseraException full = catchThrowableOfType(() -> transaction.add("db", "t", List.of(ROW, ROW), 2),
                TesseraException.class);
        assertThat(full).hasMessage("The transaction with label 'l' would hold 4 rows, more than the limit of 3; it "
                + "was rolled back. Load larger data with Stream Load or in several transactions.");
        transaction.add("db", "t", List.of(ROW), 3);
        assertThat(transaction.rows()).hasSize(3);
    }

    @Test
    void takesOneTableAndTimesOut() {
        OpenTransaction transaction = new OpenTransaction("l", 1_000, 5_000, 10);
        transaction.add("db", "t", List.of(ROW), 2_000);
        assertThat(catchThrowableOfType(() -> transaction.add("db", "u", List.of(ROW), 2_000), TesseraException.class))
                .hasMessage("Only one table can be inserted in one transaction.");
        transaction.checkNotTimedOut(6_000);
        assertThat(catchThrowableOfType(() -> transaction.checkNotTimedOut(6_001), TesseraException.class))
                .hasMessageContaining("timed out");
        assertThat(transaction.database()).isEqualTo("db");
        assertThat(transaction.table()).isEqualTo("t");
    }
}
