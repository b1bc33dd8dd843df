package org.ipythonblocks.grid;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The ids {@code /random} hands out: drawn {@value #RANDOM_BATCH} at a time in one statement and
 * handed out one per request, so a busy {@code /random} costs one query per {@value #RANDOM_BATCH}
 * visits.
 */
@ApplicationScoped
public class RandomGridIds {

    static final int RANDOM_BATCH = 128;
    static final long RANDOM_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Inject
    GridIds ids;

    private final ConcurrentLinkedQueue<Long> randomIds = new ConcurrentLinkedQueue<>();
    private volatile long randomDrawnAt;

    /** Forgets ids drawn for {@code /random}, e.g. after grids were removed. */
    public void forgetDraws() {
        randomIds.clear();
    }

    /** The id of a random public grid, or empty when there is none. */
    public Optional<String> next() {
        if (System.nanoTime() - randomDrawnAt > RANDOM_MAX_AGE_NANOS) {
            randomIds.clear(); // on a quiet site, never hand out a draw old enough to name a grid since taken down
        }
        Long id = randomIds.poll();
        if (id == null) {
            synchronized (randomIds) { // one draw at a time; whoever waited takes from it
                id = randomIds.poll();
                if (id == null) {
                    List<Long> drawn = PublicGrid.findRandomIds(RANDOM_BATCH);
                    if (drawn.isEmpty()) {
                        return Optional.empty();
                    }
                    id = drawn.get(0);
                    randomDrawnAt = System.nanoTime();
                    randomIds.addAll(drawn.subList(1, drawn.size()));
                }
            }
        }
        return Optional.of(ids.publicId(id));
    }
}
