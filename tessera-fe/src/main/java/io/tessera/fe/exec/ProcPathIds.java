package io.tessera.fe.exec;

import io.tessera.common.TesseraException;

/**
 * Reads the numeric ids in a SHOW PROC path ({@code '/dbs/<dbId>/<tableId>'},
 * {@code '/transactions/<dbId>/...'}) with Doris's two refusals: a missing id and one that is no
 * number. Stateless.
 */
final class ProcPathIds {
    private ProcPathIds() {
    }

    /**
     * @param invalid the refusal's text before the bad id ({@code "Invalid db id format: "})
     * @param missing the refusal of an empty id ({@code "Db id is null"})
     */
    static long idOrThrow(String text, String invalid, String missing) {
        if (text.isEmpty()) {
            throw new TesseraException(missing);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TesseraException(invalid + text);
        }
    }
}
