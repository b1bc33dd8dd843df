package org.ipythonblocks.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The one conversion of a {@code timestamptz} that a native query or plain JDBC handed back. */
public final class Timestamps {

    private Timestamps() {
    }

    /** {@code value} as an {@link OffsetDateTime} (UTC unless it came with its offset); null stays null. */
    public static OffsetDateTime of(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
    }
}
