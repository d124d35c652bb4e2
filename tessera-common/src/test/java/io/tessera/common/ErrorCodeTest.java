package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void everyCodeHasACategoryAMysqlCodeAndAFiveCharacterSqlState() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.category()).as(code.name()).isNotNull();
            assertThat(code.mysqlCode()).as(code.name()).isBetween(1000, 65535);
            assertThat(code.sqlState()).as(code.name()).matches("[0-9A-Z]{5}");
        }
    }

    @Test
    void everyCategoryHasACode() {
        EnumSet<ErrorCode.Category> used = EnumSet.noneOf(ErrorCode.Category.class);
        for (ErrorCode code : ErrorCode.values()) {
            used.add(code.category());
        }
        assertThat(used).containsExactlyInAnyOrder(ErrorCode.Category.values());
    }

    @Test
    void theCodesClientsAlreadySeeKeepTheirNumbers() {
        assertThat(ErrorCode.BAD_STATEMENT.mysqlCode()).isEqualTo(1105);
        assertThat(ErrorCode.BAD_STATEMENT.sqlState()).isEqualTo("HY000");
        assertThat(ErrorCode.INTERNAL_ERROR.mysqlCode()).isEqualTo(1105);
        assertThat(ErrorCode.INTERNAL_ERROR.category()).isEqualTo(ErrorCode.Category.INTERNAL);
        assertThat(ErrorCode.BAD_DATABASE.mysqlCode()).isEqualTo(1049);
        assertThat(ErrorCode.SPECIFIC_ACCESS_DENIED.mysqlCode()).isEqualTo(1227);
        assertThat(ErrorCode.UNKNOWN_TABLE.mysqlCode()).isEqualTo(1051);
        assertThat(ErrorCode.UNKNOWN_TABLE.sqlState()).isEqualTo("42S02");
        assertThat(ErrorCode.UNKNOWN_TIME_ZONE.mysqlCode()).isEqualTo(1298);
        assertThat(ErrorCode.UNKNOWN_TIME_ZONE.sqlState()).isEqualTo("HY000");
        assertThat(ErrorCode.NO_SUCH_THREAD.mysqlCode()).isEqualTo(1094);
        assertThat(ErrorCode.KILL_DENIED.mysqlCode()).isEqualTo(1095);
        assertThat(ErrorCode.QUERY_CANCELLED.mysqlCode()).isEqualTo(1105);
        assertThat(ErrorCode.QUERY_TIMEOUT.mysqlCode()).isEqualTo(1105);
    }

    @Test
    void aPlainMessageIsABadStatementRenderedInDorisShape() {
        TesseraException error = new TesseraException("Incorrect table name 'x'");
        assertThat(error.code()).isEqualTo(ErrorCode.BAD_STATEMENT);
        assertThat(error.clientMessage()).isEqualTo("errCode = 2, detailMessage = Incorrect table name 'x'");
    }

    @Test
    void aLoginFailureRendersVerbatim() {
        assertThat(ErrorCode.ACCESS_DENIED.render("Access denied for user 'x'@'h' (using password: NO)"))
                .isEqualTo("Access denied for user 'x'@'h' (using password: NO)");
    }
}
