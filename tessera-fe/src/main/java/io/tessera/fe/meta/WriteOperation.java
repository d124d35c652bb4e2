package io.tessera.fe.meta;

/**
 * The generate half of a metadata change: validates against the current state and returns
 * records plus a response, without changing any state. Throws a
 * {@link io.tessera.common.TesseraException} to refuse the change.
 */
@FunctionalInterface
public interface WriteOperation<T> {
    WriteResult<T> generate(IdAllocator ids);
}
