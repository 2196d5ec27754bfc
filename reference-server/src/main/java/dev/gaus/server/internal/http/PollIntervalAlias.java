package dev.gaus.server.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Adds {@code "pollInterval"} beside {@code "pollIntervalSeconds"} in an encoded answer: the
 * public TypeScript client reads that name only (protocol section 1). An added field is allowed
 * by section 5, so it stays a server matter and the shared codec writes the protocol's names.
 */
final class PollIntervalAlias {
    private PollIntervalAlias() {}

    /** {@code json}, an encoded object, with {@code "pollInterval":seconds} as its first member. */
    static byte[] add(byte[] json, long seconds) {
        if (json.length < 2 || json[0] != '{') {
            throw new IllegalArgumentException("not an encoded JSON object");
        }
        boolean empty = json[1] == '}';
        byte[] member = ("{\"pollInterval\":" + seconds + (empty ? "" : ",")).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[member.length + json.length - 1];
        System.arraycopy(member, 0, out, 0, member.length);
        System.arraycopy(json, 1, out, member.length, json.length - 1);
        return out;
    }
}
