package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void aClassOf30BehindOneAddressPostsTwiceAtOnceThenOneAMinute() {
        TokenBuckets buckets = new TokenBuckets(60, 30, 1000, clock::get);
        for (int i = 0; i < 60; i++) {
            assertThat(buckets.take("school")).as("post %d", i).isZero();
        }
        long retryAfter = buckets.take("school");
        assertThat(retryAfter).isEqualTo(2); // 30 a minute: one token every 2 s
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(buckets.take("school")).isZero();
        assertThat(buckets.take("school")).isPositive();
        // another address is not affected
        assertThat(buckets.take("home")).isZero();
    }

    @Test
    void aBucketRefillsUpToTheBurstOnly() {
        TokenBuckets buckets = new TokenBuckets(3, 60, 1000, clock::get);
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }
        clock.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isZero();
        }
        assertThat(buckets.take("a")).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeen() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 100, clock::get);
        for (int i = 0; i < 10_000; i++) {
            buckets.take("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(buckets.size()).isEqualTo(100);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 10, clock::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isEqualTo(60);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertThat(buckets.take("a")).isEqualTo(30);
    }

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
