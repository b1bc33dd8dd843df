package org.ipythonblocks.grid.web;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.ChangeCount;
import org.ipythonblocks.grid.GridsChanged;
import org.ipythonblocks.web.RenderedOutput;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Rendered output of grids ({@code /get/} JSON, pages, pictures) kept in memory: a grid's content never
 * changes once posted, so a cached copy stays right until the grid is taken down, and a cached view
 * costs no database read. It forgets a grid on {@link GridsChanged} (a takedown here once it committed;
 * one in another process through {@link TakedownListener} within a moment), or, if that notification
 * was missed, when the entry expires. A render that read the grid before the change never puts its
 * output back ({@link ChangeCount}).
 *
 * <ul>
 * <li>Bounded by bytes ({@code IPB_CACHE_MAX_BYTES}), least recently used out first.</li>
 * <li>Every key names the space, so a secret grid's output can never answer a public URL, even
 * where a public id and a secret id are the same string.</li>
 * <li>Entries expire ({@code IPB_CACHE_TTL}), so a grid taken down leaves every process's cache even
 * when a notification was missed.</li>
 * <li>Only found grids are cached; unknown ids always ask the database.</li>
 * <li>A miss is rendered once however many views wait for it, a few renders at a time, each view
 * waiting at most a deadline ({@link RenderTurns}).</li>
 * </ul>
 */
@ApplicationScoped
// Caffeine picks its cache class by name from the features asked for, and creates it by reflection.
// The Quarkus Caffeine extension registers the size-bounded ones; this cache is bounded by weight
// and expires after write: SSMWW (strong keys and values, maximum weight, write expiry).
@RegisterForReflection(classNames = "com.github.benmanes.caffeine.cache.SSMWW")
public class GridOutputCache {

    /** What was rendered. */
    public enum Kind {
        JSON, PAGE, PNG, SVG, EMBED, PREVIEW, TILE, NOTEBOOK, SCRIPT
    }

    private final Cache<String, RenderedOutput> cache;
    private final RenderTurns renders;
    private final ChangeCount changes = new ChangeCount();

    @Inject
    public GridOutputCache(IpbConfig config) {
        this(config.cache().maxBytes(), config.cache().ttl(), new RenderTurns(config.cache().renders(), config.cache().renderWait()));
    }

    GridOutputCache(long maxBytes, Duration ttl) {
        this(maxBytes, ttl, new RenderTurns(2, Duration.ofSeconds(10)));
    }

    GridOutputCache(long maxBytes, Duration ttl, RenderTurns renders) {
        this.renders = renders;
        cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher(RenderedOutput::weigh)
                .expireAfterWrite(ttl)
                .build();
    }

    /** The cached output of a grid, or what the loader renders (then cached) — empty when there is no such grid. */
    public Optional<RenderedOutput> get(Kind kind, boolean secret, String id, Supplier<Optional<RenderedOutput>> loader) {
        return get(kind, secret, id, "", loader);
    }

    /** As {@link #get(Kind, boolean, String, Supplier)}, for one variant of an output (a picture's scale, a tile's size). */
    public Optional<RenderedOutput> get(Kind kind, boolean secret, String id, String variant, Supplier<Optional<RenderedOutput>> loader) {
        String key = key(kind, secret, id, variant);
        RenderedOutput hit = cache.getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        return renders.render(key, () -> {
            RenderedOutput done = cache.getIfPresent(key); // rendered by another view since the miss above
            if (done != null) {
                return Optional.of(done);
            }
            long readBegan = changes.now();
            Optional<RenderedOutput> rendered = loader.get();
            rendered.ifPresent(output -> changes.putIfUnchanged(cache, readBegan, key, output));
            return rendered;
        });
    }

    /** Forgets every output of the grid that changed (every kind and variant), or of every grid. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) GridsChanged change) {
        if (!change.outputChanged()) {
            return;
        }
        changes.changed();
        if (change.grid() == null) {
            cache.invalidateAll();
            return;
        }
        String grid = grid(change.grid().secret(), change.grid().id());
        cache.asMap().keySet().removeIf(key -> key.regionMatches(key.indexOf('|'), grid, 0, grid.length()));
    }

    long entryCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** {@code KIND|space|id|variant}: what names one grid is the middle part. */
    static String key(Kind kind, boolean secret, String id, String variant) {
        return kind.name() + grid(secret, id) + variant;
    }

    private static String grid(boolean secret, String id) {
        return (secret ? "|secret|" : "|public|") + id + "|";
    }
}
