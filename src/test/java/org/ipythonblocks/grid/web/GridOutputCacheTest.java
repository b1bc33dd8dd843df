package org.ipythonblocks.grid.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.List;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridsChanged;
import org.ipythonblocks.web.RenderedOutput;
import org.junit.jupiter.api.Test;

class GridOutputCacheTest {

    static GridOutputCache cache(long maxBytes) {
        return new GridOutputCache(maxBytes, Duration.ofMinutes(10));
    }

    static RenderedOutput out(String text) {
        return RenderedOutput.text(text.getBytes(), "text/plain");
    }

    @Test
    void aSecondViewIsServedWithoutRenderingAgain() {
        GridOutputCache cache = cache(1 << 20);
        AtomicInteger renders = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Optional<RenderedOutput> out = cache.get(GridOutputCache.Kind.JSON, false, "bizkiL", () -> {
                renders.incrementAndGet();
                return Optional.of(out("{}"));
            });
            assertThat(out).isPresent();
        }
        assertThat(renders).hasValue(1);
    }

    @Test
    void aSecretGridsOutputNeverAnswersThePublicUrlOfTheSameId() {
        GridOutputCache cache = cache(1 << 20);
        cache.get(GridOutputCache.Kind.PAGE, true, "MiXoi4", () -> Optional.of(out("secret page")));
        Optional<RenderedOutput> publicView = cache.get(GridOutputCache.Kind.PAGE, false, "MiXoi4", Optional::empty);
        assertThat(publicView).isEmpty();
        Optional<RenderedOutput> jsonView = cache.get(GridOutputCache.Kind.JSON, true, "MiXoi4", Optional::empty);
        assertThat(jsonView).as("another kind of output is another entry").isEmpty();
    }

    @Test
    void unknownGridsAreNotCached() {
        GridOutputCache cache = cache(1 << 20);
        AtomicInteger lookups = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.get(GridOutputCache.Kind.JSON, false, "zzzzzz", () -> {
                lookups.incrementAndGet();
                return Optional.empty();
            });
        }
        assertThat(lookups).hasValue(3);
    }

    @Test
    void memoryStaysWithinTheBound() {
        GridOutputCache cache = cache(1 << 20); // 1 MiB
        for (int i = 0; i < 100; i++) {
            cache.get(GridOutputCache.Kind.PAGE, false, "grid" + i, () -> Optional.of(RenderedOutput.binary(new byte[100_000], "image/png")));
        }
        assertThat(cache.entryCount()).isLessThanOrEqualTo(10).isGreaterThan(0);
    }

    @Test
    void theOutputsKeptNeverHoldMoreThanTheBoundWithEveryGzipFormMade() {
        long bound = 2 << 20;
        GridOutputCache cache = cache(bound);
        java.util.Random random = new java.util.Random(7);
        int grids = 200;
        for (int i = 0; i < grids; i++) {
            byte[] body = new byte[20_000 + random.nextInt(80_000)];
            for (int b = 0; b < body.length; b++) {
                // high-entropy text for some grids (gzip keeps most of it), table rows for others
                body[b] = (byte) (i % 3 == 0 ? 32 + random.nextInt(224) : i % 3 == 1 ? "0123456789abcdef".charAt(random.nextInt(16)) : "<td></td>".charAt(b % 9));
            }
            cache.get(GridOutputCache.Kind.PAGE, false, "grid" + i, () -> Optional.of(RenderedOutput.text(body, "text/html")))
                    .orElseThrow().gzip(); // every client asks for gzip
        }
        long held = 0;
        for (int i = 0; i < grids; i++) {
            Optional<RenderedOutput> kept = cache.get(GridOutputCache.Kind.PAGE, false, "grid" + i, Optional::empty);
            if (kept.isPresent()) {
                byte[] gzip = kept.get().gzip();
                held += kept.get().body().length + (gzip == null ? 0 : gzip.length);
            }
        }
        assertThat(held).as("bytes of bodies and gzip forms kept").isPositive().isLessThanOrEqualTo(bound);
    }

    @Test
    void variantsAreKeptApartAndInvalidatingAGridForgetsEveryKindAndVariant() {
        GridOutputCache cache = cache(1 << 20);
        cache.get(GridOutputCache.Kind.PNG, false, "bizkiL", "", () -> Optional.of(out("1x")));
        cache.get(GridOutputCache.Kind.PNG, false, "bizkiL", "2.0", () -> Optional.of(out("2x")));
        cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", () -> Optional.of(out("page")));
        cache.get(GridOutputCache.Kind.PAGE, false, "bizkiLx", () -> Optional.of(out("another grid")));
        cache.get(GridOutputCache.Kind.PAGE, true, "bizkiL", () -> Optional.of(out("a secret grid")));
        assertThat(cache.get(GridOutputCache.Kind.PNG, false, "bizkiL", "2.0", Optional::empty).map(o -> new String(o.body())))
                .contains("2x");

        cache.forget(takenDown(false, "bizkiL"));

        assertThat(cache.get(GridOutputCache.Kind.PNG, false, "bizkiL", "", Optional::empty)).isEmpty();
        assertThat(cache.get(GridOutputCache.Kind.PNG, false, "bizkiL", "2.0", Optional::empty)).isEmpty();
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", Optional::empty)).isEmpty();
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiLx", Optional::empty)).as("a longer id that starts alike").isPresent();
        assertThat(cache.get(GridOutputCache.Kind.PAGE, true, "bizkiL", Optional::empty)).as("the other space").isPresent();
    }

    @Test
    void viewsOfAnOutputBeingRenderedShareThatRender() throws Exception {
        GridOutputCache cache = new GridOutputCache(1 << 20, Duration.ofMinutes(10), new RenderTurns(2, Duration.ofMinutes(1)));
        AtomicInteger renders = new AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService views = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Optional<RenderedOutput>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(views.submit(() -> cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", () -> {
                    renders.incrementAndGet();
                    started.countDown();
                    await(finish);
                    return Optional.of(out("the page"));
                })));
                if (i == 0) {
                    started.await();
                }
            }
            finish.countDown();
            for (var answer : answers) {
                assertThat(answer.get().map(o -> new String(o.body()))).contains("the page");
            }
        } finally {
            views.shutdownNow();
        }
        assertThat(renders).hasValue(1);
    }

    @Test
    void aRenderThatFindsEveryTurnTakenUntilItsDeadlineIsBusy() throws Exception {
        GridOutputCache cache = new GridOutputCache(1 << 20, Duration.ofMinutes(10), new RenderTurns(1, Duration.ZERO));
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService views = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var big = views.submit(() -> cache.get(GridOutputCache.Kind.PAGE, false, "bigone", () -> {
                started.countDown();
                await(finish);
                return Optional.of(out("a big page"));
            }));
            started.await();
            Problem busy = org.assertj.core.api.Assertions.catchThrowableOfType(Problem.class,
                    () -> cache.get(GridOutputCache.Kind.PNG, false, "other", () -> Optional.of(out("never drawn"))));
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.getMessage()).contains("try again in a few seconds");
            finish.countDown();
            assertThat(big.get()).isPresent();
        } finally {
            views.shutdownNow();
        }
        assertThat(cache.get(GridOutputCache.Kind.PNG, false, "other", () -> Optional.of(out("drawn now"))).map(o -> new String(o.body())))
                .as("the turn is given back").contains("drawn now");
    }

    @Test
    void aFailedRenderFailsEveryViewWaitingForItAndTheNextViewRendersAgain() {
        GridOutputCache cache = cache(1 << 20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", () -> {
            throw new IllegalStateException("the database went away");
        })).hasMessage("the database went away");
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", () -> Optional.of(out("page")))).isPresent();
    }

    static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static GridsChanged takenDown(boolean secret, String id) {
        return new GridsChanged(GridsChanged.Change.TAKEN_DOWN, new GridRef(secret, id), 1);
    }

    /** The held render: it read the grid before the takedown committed and finishes after the cache forgot the grid. */
    @Test
    void aRenderHeldOpenAcrossATakedownNeverCachesTheGrid() throws Exception {
        GridOutputCache cache = cache(1 << 20);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch takenDown = new CountDownLatch(1);
        CompletableFuture<Optional<RenderedOutput>> held = CompletableFuture.supplyAsync(() -> cache.get(
                GridOutputCache.Kind.PAGE, false, "bizkiL", () -> {
                    reading.countDown();
                    try {
                        assertThat(takenDown.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return Optional.of(out("read before the takedown"));
                }));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        cache.forget(takenDown(false, "bizkiL"));
        takenDown.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).as("the request in flight gets what it read").isPresent();
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", Optional::empty)).as("but nobody after it").isEmpty();
        cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", () -> Optional.of(out("read after")));
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", Optional::empty)).as("a read begun after is kept").isPresent();
    }

    @Test
    void aPostForgetsNothingAndAnUnknownChangeForgetsEverything() {
        GridOutputCache cache = cache(1 << 20);
        cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", () -> Optional.of(out("page")));
        cache.forget(new GridsChanged(GridsChanged.Change.POSTED, new GridRef(false, "bizkiL"), 1));
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", Optional::empty)).isPresent();
        cache.forget(GridsChanged.anything());
        assertThat(cache.get(GridOutputCache.Kind.PAGE, false, "bizkiL", Optional::empty)).isEmpty();
    }
}
