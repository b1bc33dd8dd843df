package org.ipythonblocks.grid;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * A cache's count of the {@link GridsChanged} it heard, so that it keeps a value only if no change came
 * while the value was read: a read that began before a takedown committed may finish after the cache
 * forgot the grid, and must not put the old output back. This also covers what Caffeine's
 * {@code invalidateAll} leaves alone, a computation in flight (Caffeine issue 251).
 *
 * <p>The order makes it safe without a lock: {@link #changed} counts first and the cache forgets
 * after; a read notes the count before it starts, puts its value, and takes the value out again if
 * the count moved. Either the forgetting comes after the put and removes it, or the put sees the count
 * moved and removes it itself.
 */
public final class ChangeCount {

    private final AtomicLong count = new AtomicLong();

    /** Before a read: what {@link #putIfUnchanged} compares with. */
    public long now() {
        return count.get();
    }

    /** A change was heard: call it before forgetting what it touched. */
    public void changed() {
        count.incrementAndGet();
    }

    /** Whether a change was heard since {@code then} (a {@link #now()}). */
    public boolean since(long then) {
        return count.get() != then;
    }

    /** Puts {@code value}, and takes it out again when a change came since {@code readBegan}. */
    public <K, V> void putIfUnchanged(Cache<K, V> cache, long readBegan, K key, V value) {
        cache.put(key, value);
        if (since(readBegan)) {
            cache.asMap().remove(key, value);
        }
    }

    /**
     * {@code cache.get(key, load)}, one load per key at a time, keeping the value only when no change
     * came since before the load (the caller's answer is the value either way).
     */
    public <K, V> V get(Cache<K, V> cache, K key, Function<? super K, ? extends V> load) {
        long readBegan = now();
        V value = cache.get(key, load);
        if (since(readBegan)) {
            cache.asMap().remove(key, value);
        }
        return value;
    }
}
