package org.ipythonblocks.report;

import java.util.List;

import io.quarkus.qute.TemplateGlobal;

/** What the report form on every grid page ({@code templates/GridOutputs/grid.html}) is drawn from. */
public final class ReportFormGlobals {

    private ReportFormGlobals() {
    }

    /** The reasons offered, in this order. */
    @TemplateGlobal
    static List<ReportReason> reportReasons() {
        return List.of(ReportReason.values());
    }

    /** The longest note, in characters. */
    @TemplateGlobal
    static int reportNoteMax() {
        return Report.MAX_NOTE_LENGTH;
    }
}
