package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void theClientIsTheEntryTheTrustedProxiesAppended() {
        // Heroku: one router, which appends the address it was connected from.
        assertThat(ClientAddress.of(List.of("203.0.113.7"), "10.1.2.3", 1)).isEqualTo("203.0.113.7");
        // Whatever the client put in front is ignored: it cannot pick its own bucket.
        assertThat(ClientAddress.of(List.of("1.1.1.1, 2.2.2.2, 203.0.113.7"), "10.1.2.3", 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(List.of("1.1.1.1", "203.0.113.7"), "10.1.2.3", 1)).isEqualTo("203.0.113.7");
        // Two trusted proxies (a CDN, then the router): the CDN's entry is the client.
        assertThat(ClientAddress.of(List.of("6.6.6.6, 203.0.113.7, 198.51.100.1"), "10.1.2.3", 2)).isEqualTo("203.0.113.7");
        // Fewer entries than proxies: every entry there is a proxy's, so the leftmost is used.
        assertThat(ClientAddress.of(List.of("198.51.100.1"), "10.1.2.3", 2)).isEqualTo("198.51.100.1");
        // No proxies trusted, or no header: the socket.
        assertThat(ClientAddress.of(List.of("1.1.1.1"), "10.1.2.3", 0)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(List.of(), "10.1.2.3", 1)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(List.of(" , "), "10.1.2.3", 1)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(List.of("x".repeat(1000)), "10.1.2.3", 1)).hasSize(ClientAddress.MAX_LENGTH);
    }
}
