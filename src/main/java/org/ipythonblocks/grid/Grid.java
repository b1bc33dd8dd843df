package org.ipythonblocks.grid;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The columns {@code public_grids} and {@code secret_grids} share (the 2017 schema, see
 * {@code V1__Create_grid_tables.sql}). The three JSON columns are jsonb and map to typed values.
 * Grids never change once posted; the subclasses are immutable entities.
 */
@MappedSuperclass
public abstract class Grid extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String ipbVersion;

    /** {@code sys.version_info} of the poster, e.g. {@code [3, 11, 2, "final", 0]}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Object> pythonVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    public GridData gridData;

    /** The notebook cells posted with the grid, or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> codeCells;

    /** {@code BlockGrid} or {@code ImageGrid}. */
    public String ipbClass;

    public OffsetDateTime createdAt;

    /** Redundant with the table, kept because the 2017 schema has it (NOT NULL). */
    public boolean secret;

    /** When an admin hid the grid ({@code hide}); null while it is visible. A hidden grid answers 410 Gone. */
    public OffsetDateTime hiddenAt;

    /** SHA-256 of the delete token the poster was given; null for grids from the old site. */
    public byte[] deleteTokenHash;

    /**
     * When the grid was deleted; null while it is not. A deleted row keeps only its id (and a secret
     * grid's token) and this: every posted field is null (V11), and it answers 410 Gone.
     */
    public OffsetDateTime deletedAt;

    /** Who deleted it: {@code poster} (with the delete token) or {@code admin}; null while it is not deleted. */
    public String deletedBy;

    /**
     * Which rows anyone may see, in SQL, for the queries over many grids ({@code /random}, the gallery,
     * the sitemap): neither hidden nor deleted. {@link #goneReason} is the same rule for one grid.
     */
    public static final String VISIBLE = "hidden_at is null and deleted_at is null";

    /** Why this grid is gone (deleted or hidden), or empty while anyone may see it. */
    public Optional<GridGoneException.Reason> goneReason() {
        return GridGoneException.Reason.of(hiddenAt != null, deletedBy);
    }

    @PrePersist
    void stampCreation() {
        if (createdAt == null) {
            createdAt = OffsetDateTime.now();
        }
    }
}
