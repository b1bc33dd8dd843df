package org.ipythonblocks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.util.NetUtil;

/**
 * The client a request came from, as a rate-limit key: an IP address, never anything else a client wrote.
 *
 * <p>Each proxy appends the address it was connected from to {@code X-Forwarded-For}. Heroku's router
 * is one such proxy: the last entry is the client's address, and every entry before it is whatever the
 * client sent, which it can forge. With {@code trustedHops} proxies in front of the app, the client is
 * therefore the entry {@code trustedHops} from the end; entries further left are never used. With 0
 * hops (no proxy in front: the header is the client's own words), or no header at all, it is the
 * socket's peer address. How many hops are trusted is decided once, in {@link RateLimits#trustedHops}.
 *
 * <p>The entry must be an IP literal (parsed as text, never looked up in DNS); anything else falls
 * back to the socket's address. An IPv4-mapped IPv6 address counts as its IPv4 address; any other
 * IPv6 address counts as its /64, the block one subscriber line gets, so that one client cannot
 * take a fresh budget from each of its 2^64 addresses.
 */
public final class ClientAddress {

    /** Longer than any IP literal (45 characters, with a zone a little more): never parsed. */
    static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /**
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order (may be empty)
     * @param socketPeer   the address of the connection's other end
     * @return the key of the client's budget: {@code 203.0.113.7}, {@code 2001:db8:1:2::/64}
     */
    public static String of(List<String> forwardedFor, String socketPeer, int trustedHops) {
        String forwarded = trustedHops <= 0 ? null : trustedEntry(forwardedFor, trustedHops);
        String key = forwarded == null ? null : key(forwarded);
        if (key == null) {
            key = key(socketPeer);
        }
        if (key == null) {
            // not an IP socket (none in production): one budget for all of them
            return socketPeer == null || socketPeer.isEmpty() ? "unknown" : "peer:" + org.ipythonblocks.Problem.shown(socketPeer, MAX_LENGTH);
        }
        return key;
    }

    /** The entry the outermost trusted proxy appended, or null when there is none. */
    private static String trustedEntry(List<String> forwardedFor, int trustedHops) {
        if (forwardedFor == null) {
            return null;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",", -1)) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    hops.add(trimmed);
                }
            }
        }
        // Fewer entries than trusted proxies: every entry there was appended by one of them.
        return hops.isEmpty() ? null : hops.get(Math.max(0, hops.size() - trustedHops));
    }

    /** The budget key of an IP literal, or null when the text is not one. */
    static String key(String literal) {
        if (literal == null || literal.isEmpty() || literal.length() > MAX_LENGTH) {
            return null;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(literal);
        if (address == null) {
            return null;
        }
        if (address.length == 4) {
            return ipv4(address, 0);
        }
        if (ipv4Mapped(address)) {
            return ipv4(address, 12);
        }
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            block.append(Integer.toHexString((address[i] & 0xff) << 8 | address[i + 1] & 0xff)).append(':');
        }
        return block.append(":/64").toString().toLowerCase(Locale.ROOT);
    }

    private static boolean ipv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static String ipv4(byte[] address, int from) {
        return (address[from] & 0xff) + "." + (address[from + 1] & 0xff) + "." + (address[from + 2] & 0xff) + "." + (address[from + 3] & 0xff);
    }
}
