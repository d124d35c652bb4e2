package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.CaseExpression;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.ShowCharsetStatement;
import io.tessera.fe.sql.ast.ShowCollationStatement;
import io.tessera.fe.sql.ast.ShowColumnsStatement;
import io.tessera.fe.sql.ast.ShowCreateDatabaseStatement;
import io.tessera.fe.sql.ast.ShowEnginesStatement;
import io.tessera.fe.sql.ast.ShowIndexStatement;
import io.tessera.fe.sql.ast.ShowRoutineStatusStatement;
import io.tessera.fe.sql.ast.ShowTableStatusStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.UnionStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements MySQL tools send to learn a schema, and the expressions their metadata queries use. */
class MetadataParserTest {
    private final SqlParser parser = new SqlParser();

    private Statement parse(String sql) {
        return parser.parse(sql);
    }

    @Test
    void showColumnsInEveryForm() {
        assertThat(parse("SHOW COLUMNS FROM t")).isEqualTo(new ShowColumnsStatement(new TableName(null, "t"), false,
                null));
        assertThat(parse("show full fields in db.t like 'v%'")).isEqualTo(new ShowColumnsStatement(
                new TableName("db", "t"), true, "v%"));
        // Connector/J's form: the database after the second FROM wins.
        assertThat(parse("SHOW FULL COLUMNS FROM `t1` FROM `d1` LIKE '%'")).isEqualTo(new ShowColumnsStatement(
                new TableName("d1", "t1"), true, "%"));
        assertThat(parse("SHOW COLUMNS IN other.t IN d1")).isEqualTo(new ShowColumnsStatement(
                new TableName("d1", "t"), false, null));
    }

    @Test
    void showIndexIndexesAndKeys() {
        ShowIndexStatement expected = new ShowIndexStatement(new TableName("d1", "t1"));
        assertThat(parse("SHOW INDEX FROM `t1` FROM `d1`")).isEqualTo(expected);
        assertThat(parse("SHOW INDEXES IN d1.t1")).isEqualTo(expected);
        assertThat(parse("SHOW KEYS FROM t1 IN d1")).isEqualTo(expected);
    }

    @Test
    void showTableStatusFullTablesAndCreateDatabase() {
        assertThat(parse("SHOW TABLE STATUS")).isEqualTo(new ShowTableStatusStatement(null, null));
        assertThat(parse("SHOW TABLE STATUS FROM d1 LIKE 't%'")).isEqualTo(new ShowTableStatusStatement("d1", "t%"));
        assertThat(parse("SHOW FULL TABLES IN d1 LIKE 't%'")).isEqualTo(new ShowTablesStatement(true, "d1", "t%"));
        assertThat(parse("SHOW CREATE DATABASE d1")).isEqualTo(new ShowCreateDatabaseStatement("d1"));
        assertThat(parse("SHOW CREATE SCHEMA `d1`")).isEqualTo(new ShowCreateDatabaseStatement("d1"));
    }

    @Test
    void showsTakeLikeOrWhere() {
        ShowTablesStatement tables = (ShowTablesStatement) parse("SHOW FULL TABLES FROM d1 WHERE Table_type = 'VIEW'");
        assertThat(tables.likePattern()).isNull();
        assertThat(tables.where()).isNotNull();
        assertThat(((ShowColumnsStatement) parse("SHOW COLUMNS FROM t WHERE `Key` = 'YES'")).where()).isNotNull();
        assertThat(((ShowTableStatusStatement) parse("SHOW TABLE STATUS WHERE Rows > 0")).where()).isNotNull();
        assertThat(((ShowCharsetStatement) parse("SHOW CHARSET WHERE Maxlen = 4")).where()).isNotNull();
        assertThat(((ShowCollationStatement) parse("SHOW COLLATION WHERE Charset = 'utf8mb4'")).where()).isNotNull();
        assertThat(((io.tessera.fe.sql.ast.ShowDatabasesStatement) parse("SHOW DATABASES WHERE `Database` = 'x'"))
                .where()).isNotNull();
        assertThatThrownBy(() -> parse("SHOW TABLES LIKE 'a' WHERE 1 = 1")).isInstanceOf(TesseraException.class);
    }

    @Test
    void showCharsetsCollationsEnginesAndRoutines() {
        assertThat(parse("SHOW CHARSET")).isEqualTo(new ShowCharsetStatement(null));
        assertThat(parse("SHOW CHARACTER SET LIKE 'utf8%'")).isEqualTo(new ShowCharsetStatement("utf8%"));
        assertThat(parse("SHOW COLLATION LIKE 'utf8mb4%'")).isEqualTo(new ShowCollationStatement("utf8mb4%"));
        assertThat(parse("SHOW ENGINES")).isEqualTo(new ShowEnginesStatement());
        assertThat(parse("SHOW FUNCTION STATUS")).isEqualTo(new ShowRoutineStatusStatement(false, null));
        assertThat(parse("SHOW PROCEDURE STATUS LIKE 'p%'")).isEqualTo(new ShowRoutineStatusStatement(true, "p%"));
        assertThat(((ShowRoutineStatusStatement) parse("SHOW FUNCTION STATUS WHERE Db LIKE 'd1' AND Name LIKE '%'"))
                .where()).isNotNull();
    }

    @Test
    void newKeywordsStayUsableAsNames() {
        SelectStatement select = (SelectStatement) parse(
                "SELECT columns, fields, collation, engines, function, procedure, indexes FROM t");
        assertThat(select.items()).hasSize(7);
        assertThat(select.items().get(2).expression()).isEqualTo(new ColumnRef(null, "collation"));
    }

    @Test
    void selectFromDualHasNoTable() {
        SelectStatement select = (SelectStatement) parse("SELECT '' TABLE_SCHEM FROM DUAL WHERE 1=0");
        assertThat(select.from()).isNull();
        assertThat(select.where()).isNotNull();
    }

    @Test
    void caseInBothForms() {
        SelectStatement select = (SelectStatement) parse(
                "SELECT CASE data_type WHEN 'int' THEN 4 WHEN 'bigint' THEN -5 ELSE 1111 END, "
                        + "CASE WHEN x IS NULL THEN 'none' END FROM t");
        CaseExpression simple = (CaseExpression) select.items().get(0).expression();
        assertThat(simple.operand()).isEqualTo(new ColumnRef(null, "data_type"));
        assertThat(simple.whens()).hasSize(2);
        assertThat(simple.whens().get(0).condition()).isEqualTo(new Literal("int"));
        assertThat(simple.otherwise()).isEqualTo(new Literal(1111L));
        CaseExpression searched = (CaseExpression) select.items().get(1).expression();
        assertThat(searched.operand()).isNull();
        assertThat(searched.otherwise()).isNull();
        assertThatThrownBy(() -> parse("SELECT CASE WHEN 1 THEN 2 FROM t")).isInstanceOf(TesseraException.class);
    }

    @Test
    void castAndConvertTakeSignedAndUnsignedIntegers() {
        SelectStatement select = (SelectStatement) parse("SELECT CAST(11 + p AS signed integer), "
                + "CONVERT(x, UNSIGNED INTEGER), CONVERT(x, SIGNED), CAST(y AS DECIMAL(10, 2))");
        assertThat(((CastExpression) select.items().get(0).expression()).type().name()).isEqualTo("BIGINT");
        assertThat(((CastExpression) select.items().get(1).expression()).type().name()).isEqualTo("LARGEINT");
        assertThat(((CastExpression) select.items().get(2).expression()).type().name()).isEqualTo("BIGINT");
        assertThat(((CastExpression) select.items().get(3).expression()).type().name()).isEqualTo("DECIMAL");
        assertThatThrownBy(() -> parse("SELECT CAST(x AS INT INTEGER)"))
                .isInstanceOf(TesseraException.class).hasMessageContaining("Unknown data type 'INT INTEGER'");
    }

    @Test
    void binaryCollationsAreAcceptedAndChangeNothing() {
        SelectStatement select = (SelectStatement) parse("SELECT IS_NULLABLE COLLATE utf8mb4_0900_bin= 'NO', "
                + "x COLLATE 'binary' FROM t");
        assertThat(((BinaryOperation) select.items().get(0).expression()).left())
                .isEqualTo(new ColumnRef(null, "IS_NULLABLE"));
        assertThat(select.items().get(1).expression()).isEqualTo(new ColumnRef(null, "x"));
        assertThatThrownBy(() -> parse("SELECT x COLLATE utf8mb4_general_ci FROM t"))
                .isInstanceOf(TesseraException.class)
                .hasMessageContaining("COLLATE utf8mb4_general_ci is not supported");
    }

    @Test
    void unionsKeepTheirQuantifiers() {
        UnionStatement union = (UnionStatement) parse(
                "SELECT 'a' T UNION SELECT 'b' T UNION ALL SELECT 'c' UNION DISTINCT SELECT 'd'");
        assertThat(union.selects()).hasSize(4);
        assertThat(union.distinct()).isEqualTo(List.of(true, false, true));
    }
}
