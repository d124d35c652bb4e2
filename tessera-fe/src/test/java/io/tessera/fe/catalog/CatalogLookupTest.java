package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.TableDefinition;
import org.junit.jupiter.api.Test;

class CatalogLookupTest {
    private final Catalog catalog = new Catalog();

    CatalogLookupTest() {
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10)
                .setTable(TableDefinition.newBuilder().setTableId(11).setName("t")).build());
    }

    @Test
    void findsWhatExists() {
        assertThat(CatalogLookup.databaseOrThrow(catalog.snapshot(), "db").id()).isEqualTo(10);
        assertThat(CatalogLookup.tableOrThrow(catalog.snapshot(), "db", "t").getTableId()).isEqualTo(11);
    }

    @Test
    void anUnknownDatabaseIsError1049() {
        TesseraException error = catchThrowableOfType(TesseraException.class,
                () -> CatalogLookup.tableOrThrow(catalog.snapshot(), "nodb", "t"));
        assertThat(error.code()).isEqualTo(ErrorCode.BAD_DATABASE);
        assertThat(error.code().category()).isEqualTo(ErrorCode.Category.UNKNOWN_OBJECT);
        assertThat(error.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown database 'nodb'");
    }

    @Test
    void anUnknownTableIsError1051WithoutTheDatabase() {
        TesseraException error = catchThrowableOfType(TesseraException.class,
                () -> CatalogLookup.tableOrThrow(catalog.snapshot(), "db", "T"));
        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(error.code().mysqlCode()).isEqualTo(1051);
        assertThat(error.code().sqlState()).isEqualTo("42S02");
        assertThat(error.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown table 'T'");
    }
}
