package io.tessera.fe.mysql;

/**
 * One whole client payload, reassembled from as many 16 MB wire packets as it took.
 *
 * @param sequenceId the sequence id of the last wire packet; a reply starts at this plus one
 * @param payload    the payload bytes, owned by the receiver
 */
record InboundPacket(int sequenceId, byte[] payload) {
}
