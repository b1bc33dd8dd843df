package org.ipythonblocks.grid;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ipythonblocks.grid.post.GridPostReader;
import org.ipythonblocks.grid.post.PostRejectedException;
import org.ipythonblocks.IpbConfig;

/** Stores and finds grids; the one place that knows public from secret and ids from rows. */
@ApplicationScoped
public class GridService {

    @Inject
    GridIds ids;

    @Inject
    IpbConfig config;

    /**
     * {@code /random} draws ids {@value #RANDOM_BATCH} at a time in one statement and hands them out
     * one per request, so a busy {@code /random} costs one query per {@value #RANDOM_BATCH} visits.
     */
    static final int RANDOM_BATCH = 128;
    static final long RANDOM_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final java.util.concurrent.ConcurrentLinkedQueue<Long> randomIds = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile long randomDrawnAt;

    /** Forgets ids drawn for {@code /random}, e.g. after grids were removed. */
    public void forgetRandomDraws() {
        randomIds.clear();
    }

    @Inject
    EntityManager em;

    /** What {@code POST /post} answers: the share URL and the token that deletes the grid. */
    public record Posted(String url, String deleteToken) {
    }

    /** Bodies above this size are read one at a time, so a few 640×480 grids cannot exhaust a small heap. */
    static final long LARGE_BODY_BYTES = 1 << 20;
    private final Semaphore largeBodies = new Semaphore(1, true);

    /**
     * Reads, validates and stores a posted body; answers the grid's share URL. The body is read and
     * checked before any database work, so an invalid post never holds a connection.
     *
     * @param contentLength the declared length, or -1 when the request did not say
     */
    public Posted post(InputStream body, long contentLength) {
        int limit = config.post().maxBodyBytes();
        if (contentLength > limit) {
            throw GridPostReader.tooLarge(limit);
        }
        boolean large = contentLength < 0 || contentLength > LARGE_BODY_BYTES;
        if (large && !acquire(largeBodies)) {
            throw new PostRejectedException(503, "The server is busy storing other large grids", List.of(
                    new PostRejectedException.Violation("(body)", "could not be read now; try again in a few seconds")));
        }
        try {
            GridPost post = new GridPostReader(limit).read(body);
            String deleteToken = GridTakedown.newDeleteToken();
            return new Posted(config.publicBaseUrl() + "/" + store(post, GridTakedown.hash(deleteToken)), deleteToken);
        } finally {
            if (large) {
                largeBodies.release();
            }
        }
    }

    private static boolean acquire(Semaphore semaphore) {
        try {
            return semaphore.tryAcquire(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stores a validated grid; answers its path relative to the site root ({@code bizkiL} or {@code secret/…}). */
    @Transactional
    public String store(GridPost post) {
        return store(post, null);
    }

    /** As {@link #store(GridPost)}, keeping the hash of the grid's delete token. */
    @Transactional
    public String store(GridPost post, byte[] deleteTokenHash) {
        if (post.secret()) {
            SecretGrid grid = new SecretGrid();
            grid.fill(post);
            grid.deleteTokenHash = deleteTokenHash;
            grid.token = ids.newSecretToken();
            grid.persist();
            return "secret/" + grid.token;
        }
        PublicGrid grid = new PublicGrid();
        grid.fill(post);
        grid.deleteTokenHash = deleteTokenHash;
        grid.persist();
        return ids.publicId(grid.id);
    }

    public Optional<PublicGrid> findPublic(String id) {
        OptionalLong rowId = ids.decodePublic(id);
        return rowId.isPresent() ? PublicGrid.<PublicGrid>findByIdOptional(rowId.getAsLong()).map(g -> visible(g, id)) : Optional.empty();
    }

    public Optional<SecretGrid> findSecret(String id) {
        if (GridIds.isToken(id)) {
            return SecretGrid.findByToken(id).map(g -> visible(g, id));
        }
        OptionalLong rowId = ids.decodeLegacySecret(id);
        return rowId.isPresent() ? SecretGrid.findLegacy(rowId.getAsLong()).map(g -> visible(g, id)) : Optional.empty();
    }

    /** Every finder goes through here: a hidden grid is 410 Gone on every route. */
    private static <T extends GridColumns> T visible(T grid, String id) {
        if (grid.hiddenAt != null) {
            throw new GridGoneException(id);
        }
        return grid;
    }

    /**
     * The stored {@code grid_data} JSON, exactly as PostgreSQL holds it, for {@code /get/...}: one
     * indexed read that also tells a grid taken down (410) from one that never was (404).
     */
    public Optional<String> gridDataJson(String id, boolean secret) {
        Optional<GridRowLookup> row = GridRowLookup.of(ids, new GridRef(secret, id));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object[]> found = row.get().query(em, "select grid_data::text, hidden_at is not null from %s where %s")
                .getResultStream().map(Object[].class::cast).findFirst();
        if (found.isPresent() && Boolean.TRUE.equals(found.get()[1])) {
            throw new GridGoneException(id);
        }
        return found.map(columns -> (String) columns[0]);
    }

    /** The id of a random public grid, or empty when there is none. */
    public Optional<String> randomPublicId() {
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


    public long publicGridCount() {
        return PublicGrid.count();
    }
}
