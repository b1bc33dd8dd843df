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
        // No header, or only commas: the socket.
        assertThat(ClientAddress.of(List.of(), "10.1.2.3", 1)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(List.of(" , "), "10.1.2.3", 1)).isEqualTo("10.1.2.3");
    }

    @Test
    void withNoProxyTrustedTheHeaderIsTheClientsOwnWordsAndIgnored() {
        assertThat(ClientAddress.of(List.of("1.1.1.1"), "10.1.2.3", 0)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(List.of("2001:db8::1"), "10.1.2.3", 0)).isEqualTo("10.1.2.3");
    }

    @Test
    void onlyAnIpLiteralIsAKeyAnythingElseFallsBackToTheSocket() {
        for (String notAnAddress : List.of("evil", "localhost", "example.com", "1.2.3", "1.2.3.4:80", "999.1.1.1", "unknown",
                "x".repeat(1000), "1.2.3.4x", "0x7f.1.1.1", "_hidden")) {
            assertThat(ClientAddress.of(List.of(notAnAddress), "10.1.2.3", 1)).as(notAnAddress).isEqualTo("10.1.2.3");
        }
        // a socket that is no IP socket still gets one bounded key
        assertThat(ClientAddress.of(List.of("evil"), null, 1)).isEqualTo("unknown");
        assertThat(ClientAddress.of(List.of(), "y".repeat(500), 0)).startsWith("peer:").hasSizeLessThan(100);
    }

    @Test
    void ipv6ClientsCountByTheir64AndMappedIpv4AsIpv4() {
        String a = ClientAddress.of(List.of("2001:db8:1:2::1"), "10.1.2.3", 1);
        assertThat(a).isEqualTo("2001:db8:1:2::/64");
        // another address of the same /64, written another way: the same budget
        assertThat(ClientAddress.of(List.of("2001:0DB8:0001:0002:ffff:ffff:ffff:fffe"), "10.1.2.3", 1)).isEqualTo(a);
        assertThat(ClientAddress.of(List.of("[2001:db8:1:2:abcd::7]"), "10.1.2.3", 1)).isEqualTo(a);
        // the next /64 is another subscriber
        assertThat(ClientAddress.of(List.of("2001:db8:1:3::1"), "10.1.2.3", 1)).isEqualTo("2001:db8:1:3::/64");
        // an IPv4 client seen through an IPv6 socket is that IPv4 client
        assertThat(ClientAddress.of(List.of("::ffff:203.0.113.7"), "10.1.2.3", 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(List.of(), "::ffff:203.0.113.7", 0)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(List.of(), "0:0:0:0:0:0:0:1", 0)).isEqualTo("0:0:0:0::/64");
    }
}
