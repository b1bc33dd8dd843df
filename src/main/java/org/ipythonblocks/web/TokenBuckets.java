package org.ipythonblocks.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a client address): {@code burst} tokens to start with, refilled
 * continuously at {@code perMinute}; each post takes one. Memory is bounded: at most
 * {@code maxKeys} buckets are kept, and the least recently used is forgotten first. Forgetting a
 * bucket only gives that address a full bucket again, and an address that was idle for
 * {@code burst / perMinute} minutes has a full bucket anyway.
 */
public final class TokenBuckets {

    private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final double burst;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public TokenBuckets(int burst, int perMinute, int maxKeys, LongSupplier nanoClock) {
        this.burst = burst;
        this.tokensPerNano = perMinute / (double) NANOS_PER_MINUTE;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Takes a token for {@code key}. Answers 0 when there was one, otherwise the whole seconds
     * (at least 1) until one will be there: the value for {@code Retry-After}.
     */
    public synchronized long take(String key) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            buckets.put(key, bucket);
        } else {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * tokensPerNano);
            bucket.updated = now;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        double waitNanos = (1 - bucket.tokens) / tokensPerNano;
        return Math.max(1, (long) Math.ceil(waitNanos / TimeUnit.SECONDS.toNanos(1)));
    }

    synchronized int size() {
        return buckets.size();
    }
}
