package io.vishwaops.validation.record;

/**
 * A record's values as the JSON text they arrived in: the bytes {@code [from, to)} of the message that carried
 * them. A record that passes as it was sent is written on with this text, not written again from its map.
 */
public record ValuesJson(byte[] bytes, int from, int to) {
}
