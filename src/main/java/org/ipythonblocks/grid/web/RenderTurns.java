package org.ipythonblocks.grid.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.ipythonblocks.Problem;
import org.ipythonblocks.web.RenderedOutput;

/**
 * Who renders an output the cache does not hold, and when (docs/architecture.md, "Bounds"):
 * <ul>
 * <li><b>once</b>: views of the same output that arrive while it is being rendered wait for that
 * render and share its result (or its failure), so ten views of an uncached grid cost one render;</li>
 * <li><b>a few at a time</b>: at most {@code ipb.cache.renders} renders run at once, whatever they
 * draw, so the memory renders hold at once is bounded by that many of the largest legal post's;</li>
 * <li><b>with a deadline</b>: a view that cannot have its output within {@code ipb.cache.render-wait}
 * gets 503 with a page (JSON on {@code /get/}) that says to try again, never a request held until the
 * router gives up.</li>
 * </ul>
 */
final class RenderTurns {

    private final ConcurrentHashMap<String, CompletableFuture<Optional<RenderedOutput>>> running = new ConcurrentHashMap<>();
    private final Semaphore turns;
    private final long waitNanos;

    RenderTurns(int renders, Duration wait) {
        this.turns = new Semaphore(renders, true);
        this.waitNanos = wait.toNanos();
    }

    /** What {@code render} answers for {@code key}, rendered by this thread or by the one already rendering it. */
    Optional<RenderedOutput> render(String key, Supplier<Optional<RenderedOutput>> render) {
        long deadline = System.nanoTime() + waitNanos;
        CompletableFuture<Optional<RenderedOutput>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<RenderedOutput>> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return await(other, deadline);
        }
        try {
            if (!acquire(deadline)) {
                throw busy();
            }
            try {
                Optional<RenderedOutput> rendered = render.get();
                mine.complete(rendered);
                return rendered;
            } finally {
                turns.release();
            }
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private boolean acquire(long deadline) {
        try {
            return turns.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<RenderedOutput> await(CompletableFuture<Optional<RenderedOutput>> render, long deadline) {
        try {
            return render.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The 503 of a view that waited its whole deadline (ErrorMappers adds Retry-After). */
    static Problem busy() {
        return new Problem(503, "Busy drawing other grids", "The site is drawing other large grids just now and could not draw this one"
                + " in time. Nothing is wrong with it: try again in a few seconds.", "Site busy: drawing other grids, try again in a few seconds");
    }
}
