package org.ipythonblocks.grid;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * The ids {@code /random} hands out: drawn {@value #RANDOM_BATCH} at a time in one statement and
 * handed out one per request, so a busy {@code /random} costs one query per {@value #RANDOM_BATCH}
 * visits. A draw is forgotten on every {@link GridsChanged} but a post, and a draw that was in flight
 * when a change came is thrown away and drawn again, so no id drawn before a takedown is handed out after it.
 */
@ApplicationScoped
public class RandomGridIds {

    static final int RANDOM_BATCH = 128;
    static final long RANDOM_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Draws in a row spoiled by changes before the last one is handed out as it is (takedowns are rare). */
    static final int MAX_DRAWS = 3;

    @Inject
    GridIds ids;

    private final ConcurrentLinkedQueue<Long> randomIds = new ConcurrentLinkedQueue<>();
    /** Held to draw: one draw at a time, whoever waited takes from it. */
    private final Object drawing = new Object();
    /** Held briefly to forget, and to keep a draw only if no change came while it was read. */
    private final Object keeping = new Object();
    private final ChangeCount changes = new ChangeCount();
    private volatile long randomDrawnAt;

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) GridsChanged change) {
        if (change.outputChanged()) {
            synchronized (keeping) {
                changes.changed();
                randomIds.clear();
            }
        }
    }

    /** The id of a random public grid, or empty when there is none. */
    public Optional<String> next() {
        if (System.nanoTime() - randomDrawnAt > RANDOM_MAX_AGE_NANOS) {
            randomIds.clear(); // on a quiet site, never hand out a draw old enough to name a grid since taken down
        }
        Long id = randomIds.poll();
        if (id == null) {
            synchronized (drawing) {
                id = randomIds.poll();
                if (id == null) {
                    Optional<Long> drawn = draw();
                    if (drawn.isEmpty()) {
                        return Optional.empty();
                    }
                    id = drawn.get();
                }
            }
        }
        return Optional.of(ids.publicId(id));
    }

    /** Row ids of up to {@value #RANDOM_BATCH} random public grids, in random order. */
    List<Long> drawFromDatabase() {
        return PublicGrid.findRandomIds(RANDOM_BATCH);
    }

    /** One id drawn, the rest of its batch kept; drawn again when a change came while it was read. */
    private Optional<Long> draw() {
        for (int attempt = 1;; attempt++) {
            long readBegan = changes.now();
            List<Long> drawn = drawFromDatabase();
            if (drawn.isEmpty()) {
                return Optional.empty();
            }
            synchronized (keeping) {
                if (!changes.since(readBegan) || attempt == MAX_DRAWS) {
                    randomDrawnAt = System.nanoTime();
                    if (!changes.since(readBegan)) {
                        randomIds.addAll(drawn.subList(1, drawn.size()));
                    }
                    return Optional.of(drawn.get(0));
                }
            }
        }
    }
}
