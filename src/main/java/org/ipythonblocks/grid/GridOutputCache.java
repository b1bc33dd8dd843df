package org.ipythonblocks.grid;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Rendered output of grids ({@code /get/} JSON, pages, pictures) kept in memory: a grid never changes
 * once posted, so a cached copy never needs invalidating, and a cached view costs no database read.
 *
 * <ul>
 * <li>Bounded by bytes ({@code IPB_CACHE_MAX_BYTES}), least recently used out first.</li>
 * <li>Every key names the space, so a secret grid's output can never answer a public URL, even
 * where a public id and a secret id are the same string.</li>
 * <li>Entries expire ({@code IPB_CACHE_TTL}), so a grid taken down leaves every process's cache.</li>
 * <li>Only found grids are cached; unknown ids always ask the database.</li>
 * </ul>
 */
@ApplicationScoped
public class GridOutputCache {

    /** What was rendered. */
    public enum Kind {
        JSON, PAGE, PNG, SVG
    }

    private final Cache<String, byte[]> cache;

    @Inject
    public GridOutputCache(IpbConfig config) {
        this(config.cache().maxBytes(), config.cache().ttl());
    }

    GridOutputCache(long maxBytes, Duration ttl) {
        cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, byte[] value) -> value.length + 2 * key.length() + 96)
                .expireAfterWrite(ttl)
                .build();
    }

    /** The cached output of a grid, or what the loader renders (then cached) — empty when there is no such grid. */
    public Optional<byte[]> get(Kind kind, boolean secret, String id, Supplier<Optional<byte[]>> loader) {
        String key = key(kind, secret, id);
        byte[] hit = cache.getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<byte[]> rendered = loader.get();
        rendered.ifPresent(bytes -> cache.put(key, bytes));
        return rendered;
    }

    /** Forgets every output of one grid, after it was hidden, shown again or deleted in this process. */
    public void invalidate(boolean secret, String id) {
        for (Kind kind : Kind.values()) {
            cache.invalidate(key(kind, secret, id));
        }
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    long entryCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    static String key(Kind kind, boolean secret, String id) {
        return kind.name() + (secret ? "|secret|" : "|public|") + id;
    }
}
