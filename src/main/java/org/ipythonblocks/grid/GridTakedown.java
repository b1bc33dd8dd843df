package org.ipythonblocks.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ipythonblocks.grid.web.GridOutputCache;

/**
 * Taking grids down. The poster can delete a grid with the {@code delete_token} that
 * {@code POST /post} answered (only its SHA-256 is stored); the site's admins can {@code hide} a
 * grid (410 Gone on every route, never in {@code /random}), {@code unhide} it, or {@code delete} it.
 * Grids are immutable entities, so these are plain SQL statements.
 */
@ApplicationScoped
public class GridTakedown {


    public enum Outcome {
        DONE, NOT_FOUND, WRONG_TOKEN
    }

    @Inject
    GridIds ids;

    @Inject
    EntityManager em;

    @Inject
    GridOutputCache outputCache;

    @Inject
    RandomGridIds randomIds;

    /**
     * After a change, this process forgets what it cached of the grid. Other processes (an admin
     * command changes the database, not the web dyno's memory) let it expire: IPB_CACHE_TTL.
     */
    private Outcome forgetIfDone(GridRef ref, Outcome outcome) {
        if (outcome == Outcome.DONE) {
            outputCache.invalidate(ref.secret(), ref.id());
            randomIds.forgetDraws();
        }
        return outcome;
    }

    @Transactional
    public Outcome hide(GridRef ref) {
        return forgetIfDone(ref, update(ref, "update %s set hidden_at = coalesce(hidden_at, now()) where %s"));
    }

    @Transactional
    public Outcome unhide(GridRef ref) {
        return forgetIfDone(ref, update(ref, "update %s set hidden_at = null where %s"));
    }

    /** Deletes the row for good (admin). */
    @Transactional
    public Outcome delete(GridRef ref) {
        return forgetIfDone(ref, update(ref, "delete from %s where %s"));
    }

    /** Deletes the row when {@code token} is the one its poster was given. */
    @Transactional
    public Outcome deleteWithToken(GridRef ref, String token) {
        Optional<GridRowLookup> row = GridRowLookup.of(ids, ref);
        if (row.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        GridRowLookup t = row.get();
        int deleted = t.query(em, "delete from %s where %s and delete_token_hash = :hash")
                .setParameter("hash", hash(token)).executeUpdate();
        if (deleted > 0) {
            return forgetIfDone(ref, Outcome.DONE);
        }
        long exists = ((Number) t.query(em, "select count(*) from %s where %s").getSingleResult()).longValue();
        return exists > 0 ? Outcome.WRONG_TOKEN : Outcome.NOT_FOUND;
    }

    private Outcome update(GridRef ref, String sql) {
        return GridRowLookup.of(ids, ref).map(t -> t.query(em, sql).executeUpdate())
                .filter(n -> n > 0).map(n -> Outcome.DONE).orElse(Outcome.NOT_FOUND);
    }


    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
