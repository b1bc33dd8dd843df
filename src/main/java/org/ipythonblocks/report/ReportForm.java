package org.ipythonblocks.report;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridRef;

/**
 * What the "Report this grid" form sends ({@code application/x-www-form-urlencoded}: {@code grid},
 * {@code reason}, {@code note}), read and checked without the database. Each problem is an
 * {@link Problem} that names it: 400, 404 for a grid id that can name no grid, 413 for
 * a body no form could send. The form is read by hand, not by Vert.x's form decoder, so a long note
 * meets this check instead of Vert.x's attribute-size limit.
 */
public record ReportForm(GridRef grid, ReportReason reason, String note) {

    /** A note of {@link Report#MAX_NOTE_LENGTH} characters, each percent-encoded UTF-8, fits with room to spare. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static final String REASON_CODES = Arrays.stream(ReportReason.values()).map(r -> r.code).collect(Collectors.joining(", "));

    /** @param ourHost whether a URL's host is this site's ({@link GridRef#parse}) */
    public static ReportForm parse(byte[] body, Predicate<String> ourHost) {
        if (body.length > MAX_BODY_BYTES) {
            throw new Problem(413, "Report too large",
                    "A report is at most a reason and a note of " + Report.MAX_NOTE_LENGTH + " characters; this one was over "
                            + MAX_BODY_BYTES + " bytes, so it was not stored.");
        }
        Map<String, String> fields = fields(new String(body, StandardCharsets.UTF_8));
        String gridText = fields.get("grid");
        if (gridText == null || gridText.isBlank()) {
            throw problem("The report does not say which grid it is about. Use the form on the grid's page.");
        }
        GridRef grid = GridRef.parse(gridText, ourHost).orElseThrow(() -> new Problem(404, "No such grid",
                "No grid has the id '" + Problem.shown(gridText, 40) + "', so there is nothing to report."));
        String reasonCode = fields.get("reason");
        if (reasonCode == null || reasonCode.isBlank()) {
            throw problem("Choose a reason: why should this grid be taken down? Go back, pick one of the reasons and send the report again.");
        }
        ReportReason reason = ReportReason.of(reasonCode).orElseThrow(() -> problem("'" + Problem.shown(reasonCode, 40)
                + "' is not one of the reasons (" + REASON_CODES + "). Go back and pick one."));
        return new ReportForm(grid, reason, note(fields.get("note")));
    }

    /** The note as stored: null when empty; control characters other than line breaks and tabs become spaces. */
    static String note(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String note = text.strip().replace("\r\n", "\n").replaceAll("[\\p{Cc}&&[^\\n\\t]]", " ");
        int length = note.codePointCount(0, note.length());
        if (length > Report.MAX_NOTE_LENGTH) {
            throw problem("The note is " + length + " characters long; at most " + Report.MAX_NOTE_LENGTH
                    + " fit. Go back, shorten it and send the report again.");
        }
        return note;
    }

    /** The form's fields; the first of a repeated name counts. */
    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw problem("The report was not sent as a web form (a broken %-escape). Use the form on the grid's page.");
        }
    }

    private static Problem problem(String detail) {
        return new Problem(400, "The report was not sent", detail);
    }
}
