package io.tessera.fe.meta;

/** Lets tests outside this package make an allocator starting at a chosen id. */
public record IdAllocatorForTests(long firstId) {
    public IdAllocator allocator() {
        return new IdAllocator(firstId);
    }
}
