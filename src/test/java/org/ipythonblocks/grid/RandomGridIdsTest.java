package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@code /random} never sends a visitor to a grid taken down before the visit, even one drawn while it was being taken down. */
class RandomGridIdsTest {

    static final GridIds IDS = new GridIds("public", "secret", 6);

    /** Draws what it is given, one list per draw; the first draw waits until {@code release} opens. Not a bean. */
    @jakarta.enterprise.inject.Vetoed
    static final class HeldDraws extends RandomGridIds {
        final List<List<Long>> draws;
        final CountDownLatch drawing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        int drawn;

        HeldDraws(List<List<Long>> draws) {
            this.draws = draws;
            this.ids = IDS;
        }

        @Override
        List<Long> drawFromDatabase() {
            if (drawn == 0) {
                drawing.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return draws.get(Math.min(drawn++, draws.size() - 1));
        }
    }

    static GridsChanged takenDown(long row) {
        return new GridsChanged(GridsChanged.Change.TAKEN_DOWN, new GridRef(false, IDS.publicId(row)), row);
    }

    @Test
    void aDrawInFlightDuringATakedownIsNeverHandedOut() throws Exception {
        // the first draw read grid 1 before its takedown committed; the next draw no longer finds it
        HeldDraws random = new HeldDraws(List.of(List.of(1L, 2L, 3L), List.of(2L, 3L, 4L)));
        CompletableFuture<Optional<String>> inFlight = CompletableFuture.supplyAsync(random::next);
        assertThat(random.drawing.await(10, TimeUnit.SECONDS)).isTrue();
        random.forget(takenDown(1));
        random.release.countDown();

        List<String> handedOut = new ArrayList<>();
        handedOut.add(inFlight.get(10, TimeUnit.SECONDS).orElseThrow());
        for (int i = 0; i < 6; i++) {
            handedOut.add(random.next().orElseThrow());
        }
        assertThat(handedOut).doesNotContain(IDS.publicId(1)).contains(IDS.publicId(4));
    }

    @Test
    void aTakedownForgetsWhatWasDrawnButAPostDoesNot() {
        HeldDraws random = new HeldDraws(List.of(List.of(5L, 6L, 7L), List.of(8L)));
        random.release.countDown();
        assertThat(random.next()).contains(IDS.publicId(5));

        random.forget(new GridsChanged(GridsChanged.Change.POSTED, new GridRef(false, IDS.publicId(9)), 9));
        assertThat(random.next()).as("a post leaves the draw").contains(IDS.publicId(6));

        random.forget(takenDown(7));
        assertThat(random.next()).as("a takedown forgets it").contains(IDS.publicId(8));
    }
}
