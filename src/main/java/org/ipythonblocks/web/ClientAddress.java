package org.ipythonblocks.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The address of the client a request came from, as far as it can be trusted.
 *
 * <p>Each proxy appends the address it was connected from to {@code X-Forwarded-For}. Heroku's
 * router is one such proxy: the last entry is the client's address, and every entry before it is
 * whatever the client sent, which it can forge. With {@code trustedHops} proxies in front of the
 * app, the client is therefore the entry {@code trustedHops} from the end; entries further left are
 * never used. With 0 hops, or no header at all, it is the socket's peer address.
 */
public final class ClientAddress {

    static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /**
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order (may be empty)
     * @param socketPeer   the address of the connection's other end
     */
    public static String of(List<String> forwardedFor, String socketPeer, int trustedHops) {
        if (trustedHops <= 0 || forwardedFor == null || forwardedFor.isEmpty()) {
            return socketPeer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    hops.add(trimmed);
                }
            }
        }
        if (hops.isEmpty()) {
            return socketPeer;
        }
        // Fewer entries than trusted proxies: every entry there was appended by one of them.
        String client = hops.get(Math.max(0, hops.size() - trustedHops));
        return client.length() > MAX_LENGTH ? client.substring(0, MAX_LENGTH) : client;
    }
}
