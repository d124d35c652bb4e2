package io.tessera.be.storage.scan;

/** No GROUP BY: one group (0) that exists even when no row arrives. Stateless. */
final class NoGrouping implements Grouping {
    @Override
    public int[] assign(BatchView batch, Selection selection) {
        return null;
    }

    @Override
    public int groupCount() {
        return 1;
    }

    @Override
    public void writeKey(int group, ScanOutput output) {
    }
}
