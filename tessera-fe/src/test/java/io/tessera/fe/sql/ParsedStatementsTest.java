package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.Statement;
import org.junit.jupiter.api.Test;

class ParsedStatementsTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void aTextParsedBeforeGivesTheSameStatement() {
        Statement first = parser.parse("SELECT 1");
        assertThat(parser.parse("SELECT 1")).isSameAs(first);
        assertThat(parser.parse("SELECT 2")).isNotSameAs(first).isNotEqualTo(first);
        assertThat(parser.parse("select 1")).isNotSameAs(first);
    }

    @Test
    void aSyntaxErrorIsNeverKeptAndFailsEveryTime() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> parser.parse("SELEC 1")).isInstanceOf(TesseraException.class);
        }
    }

    @Test
    void longTextsAreNotKept() {
        ParsedStatements cache = new ParsedStatements(4, 10);
        Statement statement = parser.parse("SELECT 1");
        cache.put("SELECT 1", statement);
        cache.put("SELECT 1 + 100000", statement);
        assertThat(cache.get("SELECT 1")).containsSame(statement);
        assertThat(cache.get("SELECT 1 + 100000")).isEmpty();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFullCacheStartsOverAndNeverHoldsMoreThanItsBound() {
        ParsedStatements cache = new ParsedStatements(4, 100);
        for (int n = 0; n < 50; n++) {
            String sql = "SELECT " + n;
            cache.put(sql, parser.parse(sql));
            assertThat(cache.size()).isBetween(1, 4);
            assertThat(cache.get(sql)).isPresent();
        }
        assertThat(cache.get("SELECT 0")).isEmpty();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new ParsedStatements(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParsedStatements(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
