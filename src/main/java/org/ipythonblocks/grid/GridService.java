package org.ipythonblocks.grid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.agroal.api.AgroalDataSource;

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
    AgroalDataSource dataSource;

    @Inject
    Event<GridsChanged> changed;

    /**
     * A posted grid's row in one statement, committed on its own before it answers (autocommit, with
     * PostgreSQL's synchronous commit: durable before the client hears of it), answering the row id.
     * Not through Hibernate: a grid is written once and never updated, and posts are the site's peak,
     * so a post pays for no transaction manager, no persistence context and no separate COMMIT round trip.
     */
    static final String INSERT = """
            insert into %s (ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret, delete_token_hash%s)
            values (?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, %s, ?%s) returning id""";
    static final String INSERT_PUBLIC = INSERT.formatted("public_grids", "", "false", "");
    static final String INSERT_SECRET = INSERT.formatted("secret_grids", ", token", "true", ", ?");

    /**
     * Stores a validated grid, keeping the hash of its delete token (null: none); answers its path
     * relative to the site root ({@code bizkiL} or {@code secret/…}). Fires {@link GridsChanged} once
     * the grid is committed: what lists or counts grids hears it then (in a caller's transaction, if
     * there is one, the insert joins it and the observers hear it when that commits).
     */
    public String store(GridPost post, byte[] deleteTokenHash) {
        String token = post.secret() ? ids.newSecretToken() : null;
        long rowId;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(post.secret() ? INSERT_SECRET : INSERT_PUBLIC)) {
            insert.setString(1, post.ipbVersion());
            insert.setString(2, GridJson.MAPPER.writeValueAsString(post.pythonVersion()));
            insert.setString(3, GridJson.MAPPER.writeValueAsString(post.gridData()));
            insert.setString(4, post.codeCells() == null ? null : GridJson.MAPPER.writeValueAsString(post.codeCells()));
            insert.setString(5, post.ipbClass());
            insert.setObject(6, OffsetDateTime.now());
            insert.setBytes(7, deleteTokenHash);
            if (token != null) {
                insert.setString(8, token);
            }
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                rowId = row.getLong(1);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("the grid could not be stored: " + e.getMessage(), e); // 503 when the database is down
        }
        GridRef ref = new GridRef(post.secret(), token != null ? token : ids.publicId(rowId));
        changed.fire(new GridsChanged(GridsChanged.Change.POSTED, ref, rowId));
        return post.secret() ? "secret/" + token : ref.id();
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
