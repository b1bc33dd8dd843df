package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class GridOutputCacheTest {

    static GridOutputCache cache(long maxBytes) {
        return new GridOutputCache(maxBytes, Duration.ofMinutes(10));
    }

    @Test
    void aSecondViewIsServedWithoutRenderingAgain() {
        GridOutputCache cache = cache(1 << 20);
        AtomicInteger renders = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Optional<byte[]> out = cache.get(GridOutputCache.Kind.JSON, false, "bizkiL", () -> {
                renders.incrementAndGet();
                return Optional.of("{}".getBytes());
            });
            assertThat(out).isPresent();
        }
        assertThat(renders).hasValue(1);
    }

    @Test
    void aSecretGridsOutputNeverAnswersThePublicUrlOfTheSameId() {
        GridOutputCache cache = cache(1 << 20);
        cache.get(GridOutputCache.Kind.PAGE, true, "MiXoi4", () -> Optional.of("secret page".getBytes()));
        Optional<byte[]> publicView = cache.get(GridOutputCache.Kind.PAGE, false, "MiXoi4", Optional::empty);
        assertThat(publicView).isEmpty();
        Optional<byte[]> jsonView = cache.get(GridOutputCache.Kind.JSON, true, "MiXoi4", Optional::empty);
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
            cache.get(GridOutputCache.Kind.PAGE, false, "grid" + i, () -> Optional.of(new byte[100_000]));
        }
        assertThat(cache.entryCount()).isLessThanOrEqualTo(10).isGreaterThan(0);
    }
}
