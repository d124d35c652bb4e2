package io.tessera.be.clone;

/**
 * What a finished clone installed. Immutable.
 *
 * @param version  the version the new replica holds (at least the one asked for)
 * @param rowCount rows of its rowsets
 * @param byteSize bytes of its rowset files
 */
public record CloneResult(long version, long rowCount, long byteSize) {
}
