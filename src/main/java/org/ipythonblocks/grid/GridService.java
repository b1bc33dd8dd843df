package org.ipythonblocks.grid;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Stores and finds grids: the one transaction that writes a posted grid, and every read of one. Which
 * row an id names is {@link GridRowLookup}'s rule; that a hidden or deleted grid is 410 Gone is {@link #visible}'s.
 */
@ApplicationScoped
public class GridService {

    @Inject
    GridIds ids;

    @Inject
    EntityManager em;

    @Inject
    Event<GridsChanged> changed;

    /**
     * Stores a validated grid, keeping the hash of its delete token (null: none); answers its path
     * relative to the site root ({@code bizkiL} or {@code secret/…}). Fires {@link GridsChanged}: what
     * lists or counts grids hears it once the grid is committed.
     */
    @Transactional
    public String store(GridPost post, byte[] deleteTokenHash) {
        if (post.secret()) {
            SecretGrid grid = new SecretGrid();
            grid.fill(post);
            grid.deleteTokenHash = deleteTokenHash;
            grid.token = ids.newSecretToken();
            grid.persist();
            changed.fire(new GridsChanged(GridsChanged.Change.POSTED, new GridRef(true, grid.token), grid.id));
            return "secret/" + grid.token;
        }
        PublicGrid grid = new PublicGrid();
        grid.fill(post);
        grid.deleteTokenHash = deleteTokenHash;
        grid.persist();
        String id = ids.publicId(grid.id);
        changed.fire(new GridsChanged(GridsChanged.Change.POSTED, new GridRef(false, id), grid.id));
        return id;
    }

    /** The grid {@code ref} names, or empty; a hidden or deleted grid throws {@link GridGoneException}. */
    public Optional<Grid> find(GridRef ref) {
        return findEvenIfGone(ref).map(grid -> visible(grid, grid.goneReason()));
    }

    /** The grid {@code ref} names, or empty, whether or not it is gone ({@link Grid#goneReason}). */
    public Optional<Grid> findEvenIfGone(GridRef ref) {
        return GridRowLookup.of(ids, ref).flatMap(GridRowLookup::entity);
    }

    /**
     * As {@link #findEvenIfGone}, with the grid's row locked ({@code FOR SHARE}) until the caller's
     * transaction ends: a takedown of the grid waits for it, or it waits for the takedown and then sees it.
     * What the caller writes about the grid (a report) is then either seen by the takedown or refused.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Grid> findHeld(GridRef ref) {
        Optional<GridRowLookup> row = GridRowLookup.of(ids, ref);
        row.ifPresent(t -> t.query(em, "select 1 from %s where %s for share").getResultList());
        return findEvenIfGone(ref);
    }

    /**
     * The stored {@code grid_data} JSON, exactly as PostgreSQL holds it, for {@code /get/...}: one
     * indexed read that also tells a grid taken down (410) from one that never was (404).
     */
    public Optional<String> gridDataJson(GridRef ref) {
        Optional<GridRowLookup> row = GridRowLookup.of(ids, ref);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object[]> found = row.get().query(em, "select grid_data::text, hidden_at is not null, deleted_by from %s where %s")
                .getResultStream().map(Object[].class::cast).findFirst();
        return found.map(columns -> visible((String) columns[0],
                GridGoneException.Reason.of(Boolean.TRUE.equals(columns[1]), (String) columns[2])));
    }

    /** Every read goes through here: a deleted or hidden grid is 410 Gone on every route, saying which. */
    private static <T> T visible(T found, Optional<GridGoneException.Reason> gone) {
        if (gone.isPresent()) {
            throw new GridGoneException(gone.get());
        }
        return found;
    }
}
