package org.ipythonblocks.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Taking grids down. The poster can delete a grid with the {@code delete_token} that
 * {@code POST /post} answered (only its SHA-256 is stored); the site's admins can {@code hide} a
 * grid (410 Gone on every route, never in {@code /random}), {@code unhide} it, or {@code delete} it.
 * A deleted grid is erased but keeps its row: 410 on every route, and its id is never reused.
 * Grids are immutable entities, so these are plain SQL statements.
 */
@ApplicationScoped
public class GridTakedown {

    public enum Outcome {
        DONE, NOT_FOUND, WRONG_TOKEN
    }

    @Inject
    Event<GridsChanged> changed;

    @Inject
    GridIds ids;

    @Inject
    EntityManager em;

    /** The PostgreSQL channel every web process LISTENs on; a payload names one grid ({@link #payload}). */
    public static final String CHANNEL = "ipb_takedown";

    /**
     * After a change, in its transaction: {@link GridsChanged} (what refers to the grid, its open
     * reports, follows in the same transaction; this process's caches forget the grid once it
     * committed), and {@code pg_notify} for every other process (a web dyno, when an admin command or
     * another dyno made the change): PostgreSQL delivers it only if the change commits, and only then.
     * Each web process's {@code TakedownListener} fires {@link GridsChanged} there when it arrives.
     */
    private Outcome announceIfDone(GridRef ref, GridsChanged.Change change, Outcome outcome) {
        if (outcome == Outcome.DONE) {
            em.createNativeQuery("select count(*) from pg_notify(:channel, :payload)")
                    .setParameter("channel", CHANNEL).setParameter("payload", payload(ref)).getSingleResult();
            Optional<Object> row = GridRowLookup.of(ids, ref)
                    .flatMap(t -> t.query(em, "select id from %s where %s").getResultStream().findFirst());
            long rowId = row.map(id -> ((Number) id).longValue()).orElse(0L);
            changed.fire(new GridsChanged(change, ref, rowId));
        }
        return outcome;
    }

    /** {@code public:<id>} or {@code secret:<id>}: the space is explicit, never guessed from the id's shape. */
    public static String payload(GridRef ref) {
        return (ref.secret() ? "secret:" : "public:") + ref.id();
    }

    /** The grid a notification names, or empty when the payload is not one {@link #payload} writes. */
    public static Optional<GridRef> fromPayload(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        boolean secret = payload.startsWith("secret:");
        if (!secret && !payload.startsWith("public:")) {
            return Optional.empty();
        }
        String id = payload.substring("public:".length());
        return id.matches(GridIds.ID_REGEX) ? Optional.of(new GridRef(secret, id)) : Optional.empty();
    }

    /**
     * Deleting erases the grid and keeps the row: its id (and a secret grid's token) and who deleted
     * it, so the grid answers 410 and its id is never handed out again. The table's check (V11) holds
     * the rule too. {@code %s} for the table, the condition and {@code 'poster'} or {@code 'admin'}.
     */
    private static final String ERASE = "update %s set deleted_at = now(), deleted_by = '%s', ipb_version = null, "
            + "python_version = null, grid_data = null, code_cells = null, ipb_class = null, created_at = null, "
            + "hidden_at = null, delete_token_hash = null where %s and deleted_at is null";

    @Transactional
    public Outcome hide(GridRef ref) {
        return announceIfDone(ref, GridsChanged.Change.TAKEN_DOWN,
                update(ref, "update %s set hidden_at = coalesce(hidden_at, now()) where %s and deleted_at is null"));
    }

    @Transactional
    public Outcome unhide(GridRef ref) {
        return announceIfDone(ref, GridsChanged.Change.SHOWN_AGAIN, update(ref, "update %s set hidden_at = null where %s and deleted_at is null"));
    }

    /** Erases the grid for good (admin): 410 "deleted" from then on. */
    @Transactional
    public Outcome delete(GridRef ref) {
        return announceIfDone(ref, GridsChanged.Change.TAKEN_DOWN, update(ref, erase("admin")));
    }

    /** Erases the grid when {@code token} is the one its poster was given: 410 "removed by its poster" from then on. */
    @Transactional
    public Outcome deleteWithToken(GridRef ref, String token) {
        Optional<GridRowLookup> row = GridRowLookup.of(ids, ref);
        if (row.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        GridRowLookup t = row.get();
        int deleted = t.query(em, erase("poster") + " and delete_token_hash = :hash")
                .setParameter("hash", hash(token)).executeUpdate();
        if (deleted > 0) {
            return announceIfDone(ref, GridsChanged.Change.TAKEN_DOWN, Outcome.DONE);
        }
        failIfDeleted(t);
        long exists = ((Number) t.query(em, "select count(*) from %s where %s").getSingleResult()).longValue();
        return exists > 0 ? Outcome.WRONG_TOKEN : Outcome.NOT_FOUND;
    }

    /** A deleted grid stays deleted: 410 with who deleted it, as every other route says. */
    private void failIfDeleted(GridRowLookup t) {
        t.query(em, "select deleted_by from %s where %s and deleted_at is not null").getResultStream().findFirst()
                .ifPresent(who -> {
                    throw new GridGoneException(GridGoneException.Reason.deletedBy((String) who));
                });
    }

    /** {@link #ERASE} for {@code who}, with {@code %s} left for the table and the condition. */
    private static String erase(String who) {
        return ERASE.replaceFirst("'%s'", "'" + who + "'");
    }

    /** {@code sql} on the row {@code ref} names; a deleted grid throws {@link GridGoneException}. */
    private Outcome update(GridRef ref, String sql) {
        Optional<GridRowLookup> row = GridRowLookup.of(ids, ref);
        if (row.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (row.get().query(em, sql).executeUpdate() > 0) {
            return Outcome.DONE;
        }
        failIfDeleted(row.get());
        return Outcome.NOT_FOUND;
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
