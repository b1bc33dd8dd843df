package org.ipythonblocks.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Taking grids down. The poster can delete a grid with the {@code delete_token} that
 * {@code POST /post} answered (only its SHA-256 is stored); the site's admins can {@code hide} a
 * grid (410 Gone on every route, never in {@code /random}), {@code unhide} it, or {@code delete} it.
 * Grids are immutable entities, so these are plain SQL statements.
 */
@ApplicationScoped
public class GridTakedown {

    /** 24 random bytes: 192 bits, 32 URL-safe characters. */
    static final int TOKEN_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

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
    GridService grids;

    /**
     * After a change, this process forgets what it cached of the grid. Other processes (an admin
     * command changes the database, not the web dyno's memory) let it expire: IPB_CACHE_TTL.
     */
    private Outcome forgetIfDone(GridRef ref, Outcome outcome) {
        if (outcome == Outcome.DONE) {
            outputCache.invalidate(ref.secret(), ref.id());
            grids.forgetRandomDraws();
        }
        return outcome;
    }

    /** The row a reference names: table and condition, or empty when the id cannot name any row. */
    private record Target(String table, String where, Object key) {
        Query apply(Query query) {
            return query.setParameter("key", key);
        }
    }

    private Optional<Target> target(GridRef ref) {
        if (ref.secret() && GridIds.isToken(ref.id())) {
            return Optional.of(new Target("secret_grids", "token = :key", ref.id()));
        }
        OptionalLong rowId = ref.secret() ? ids.decodeLegacySecret(ref.id()) : ids.decodePublic(ref.id());
        if (rowId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ref.secret()
                ? new Target("secret_grids", "id = :key and token is null", rowId.getAsLong())
                : new Target("public_grids", "id = :key", rowId.getAsLong()));
    }

    public boolean isHidden(GridRef ref) {
        return target(ref).map(t -> ((Number) t.apply(em.createNativeQuery(
                "select count(*) from " + t.table() + " where " + t.where() + " and hidden_at is not null"))
                .getSingleResult()).longValue() > 0).orElse(false);
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
        Optional<Target> target = target(ref);
        if (target.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Target t = target.get();
        int deleted = t.apply(em.createNativeQuery("delete from " + t.table() + " where " + t.where()
                + " and delete_token_hash = :hash")).setParameter("hash", hash(token)).executeUpdate();
        if (deleted > 0) {
            return forgetIfDone(ref, Outcome.DONE);
        }
        long exists = ((Number) t.apply(em.createNativeQuery("select count(*) from " + t.table() + " where " + t.where()))
                .getSingleResult()).longValue();
        return exists > 0 ? Outcome.WRONG_TOKEN : Outcome.NOT_FOUND;
    }

    private Outcome update(GridRef ref, String sql) {
        return target(ref).map(t -> t.apply(em.createNativeQuery(String.format(sql, t.table(), t.where()))).executeUpdate())
                .filter(n -> n > 0).map(n -> Outcome.DONE).orElse(Outcome.NOT_FOUND);
    }

    public static String newDeleteToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
