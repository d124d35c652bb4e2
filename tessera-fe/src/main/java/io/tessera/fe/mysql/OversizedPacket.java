package io.tessera.fe.mysql;

/**
 * Emitted by {@link PacketDecoder} instead of a payload when a client's payload would exceed
 * the allowed size. Nothing after it is decoded; the connection answers ERR 1153 and closes.
 *
 * @param sequenceId     the sequence id of the wire packet that crossed the limit
 * @param payloadBytes   the payload size reached (so far) when the limit was crossed
 * @param limitBytes     the limit in force
 */
record OversizedPacket(int sequenceId, long payloadBytes, int limitBytes) {
}
