package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Placeholders and statement separators count only outside strings, backquoted names and comments. */
class SqlTextScannerTest {
    @Test
    void countsPlaceholdersOutsideQuotesAndComments() {
        assertThat(SqlTextScanner.placeholderOffsets("select ?, '?', \"?\", `?`, 'it''s ?', 'a\\'?', ?")).hasSize(2);
        assertThat(SqlTextScanner.placeholderOffsets("select ? -- ?\n, ? # ?\n, /* ? */ ?")).hasSize(3);
        assertThat(SqlTextScanner.placeholderOffsets("select 1--?")).hasSize(1);
        assertThat(SqlTextScanner.placeholderOffsets("select '?")).isEmpty();
    }

    @Test
    void splitsStatementsOutsideQuotesAndComments() {
        assertThat(SqlTextScanner.splitStatements("select 1; select ';' ; select `a;b`; -- x;\nselect 2;"))
                .containsExactly("select 1", "select ';'", "select `a;b`", "-- x;\nselect 2");
        assertThat(SqlTextScanner.splitStatements("select 1; /* only a comment */ ;; ")).containsExactly("select 1");
        assertThat(SqlTextScanner.splitStatements("select 1;")).containsExactly("select 1");
        assertThat(SqlTextScanner.splitStatements(" ; ")).containsExactly(" ; ");
    }
}
