package org.ipythonblocks.report;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A visitor's report of a grid ({@code V14__Create_reports.sql}): which grid (its table and row id),
 * a {@link ReportReason}, an optional note, when, and when it was closed. Nothing about who sent it.
 */
@Entity
@Table(name = "reports")
public class Report extends PanacheEntityBase {

    /** Longest note, in characters (the table's check holds it too). */
    public static final int MAX_NOTE_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The grid's table: {@code secret_grids} when true, else {@code public_grids}. */
    public boolean gridSecret;

    /** The grid's row id in its table. */
    public long gridId;

    /** {@link ReportReason#code}. */
    public String reason;

    /** What the reporter wrote, or null. */
    public String note;

    public OffsetDateTime createdAt;

    /** When the grid was hidden or deleted; null while the report is open. */
    public OffsetDateTime closedAt;

    /** Closes the open reports of one grid; answers how many. */
    public static int closeOpen(boolean gridSecret, long gridId) {
        return update("closedAt = ?1 where gridSecret = ?2 and gridId = ?3 and closedAt is null", OffsetDateTime.now(),
                gridSecret, gridId);
    }
}
