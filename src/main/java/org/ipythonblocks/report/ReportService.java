package org.ipythonblocks.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.ipythonblocks.grid.GridColumns;
import org.ipythonblocks.grid.GridGoneException;
import org.ipythonblocks.grid.GridService;
import org.ipythonblocks.grid.GridTakedown;
import org.ipythonblocks.web.InvalidRequestException;

/** Stores reports, and closes a grid's open reports when it is taken down (in the takedown's transaction). */
@ApplicationScoped
public class ReportService {

    @Inject
    GridService grids;

    /** Stores the report; a grid that never was is 404, one already gone 410 (nothing stored). */
    @Transactional
    public void file(ReportForm form) {
        GridColumns grid;
        try {
            grid = grids.find(form.grid()).orElseThrow(() -> new InvalidRequestException(404, "No such grid",
                    "No grid has the id " + form.grid().id() + ", so there is nothing to report."));
        } catch (GridGoneException e) {
            throw new InvalidRequestException(410, "This grid is gone already", "This grid has been " + e.reason().words
                    + ", so it needs no report: nobody can see it any more.");
        }
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
