package org.ipythonblocks.report;

import java.util.Arrays;
import java.util.Optional;

/** The reasons the report form offers: the code is what the form sends and the table stores. */
public enum ReportReason {
    HARMFUL("harmful", "Harmful, hateful or violent"),
    PERSONAL("personal", "Personal information about someone"),
    SPAM("spam", "Spam or advertising"),
    COPYRIGHT("copyright", "Copies someone else's work without permission"),
    OTHER("other", "Something else (say what in the note)");

    public final String code;
    public final String label;

    ReportReason(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public static Optional<ReportReason> of(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
