package org.ipythonblocks.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridService;
import org.ipythonblocks.grid.GridsChanged;

/** Stores reports, and closes a grid's open reports when it is taken down (in the takedown's transaction). */
@ApplicationScoped
public class ReportService {

    @Inject
    GridService grids;

    /**
     * Stores the report; a grid that never was is 404, one already gone 410 (nothing stored). The grid's
     * row stays locked until the report is stored, so a takedown at the same moment closes it.
     */
    @Transactional
    public void file(ReportForm form) {
        Grid grid = grids.findHeld(form.grid()).orElseThrow(() -> new Problem(404, "No such grid",
                "No grid has the id " + form.grid().id() + ", so there is nothing to report."));
        grid.goneReason().ifPresent(gone -> {
            throw new Problem(410, "This grid is gone already", "This grid has been " + gone.words
                    + ", so it needs no report: nobody can see it any more.");
        });
        Report report = new Report();
        report.gridSecret = form.grid().secret();
        report.gridId = grid.id;
        report.reason = form.reason().code;
        report.note = form.note();
        report.createdAt = java.time.OffsetDateTime.now();
        report.persist();
    }

    /** A grid hidden or deleted here: its open reports close in the same transaction. */
    void closeReports(@Observes GridsChanged change) {
        if (change.change() == GridsChanged.Change.TAKEN_DOWN && change.rowId() > 0) {
            Report.closeOpen(change.grid().secret(), change.rowId());
        }
    }
}
