package org.ipythonblocks.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridService;
import org.ipythonblocks.grid.GridTakedown;

/** Stores reports, and closes a grid's open reports when it is taken down (in the takedown's transaction). */
@ApplicationScoped
public class ReportService {

    @Inject
    GridService grids;

    /** Stores the report; a grid that never was is 404, one already gone 410 (nothing stored). */
    @Transactional
    public void file(ReportForm form) {
        Grid grid = grids.findEvenIfGone(form.grid()).orElseThrow(() -> new Problem(404, "No such grid",
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

    void closeReports(@Observes GridTakedown.TakenDown grid) {
        Report.closeOpen(grid.secret(), grid.rowId());
    }
}
