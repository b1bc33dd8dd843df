package org.ipythonblocks.legacy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** What an import did, per table, and the exit code that sums it up. */
public final class ImportReport {

    /** Every row was imported or was already there unchanged. */
    public static final int EXIT_OK = 0;
    /** The import finished, but some rows were rejected or conflicted with a different grid already stored. */
    public static final int EXIT_ROWS_NOT_IMPORTED = 3;

    /** The counters of one table. */
    public static final class Counts {
        long read;
        long imported;
        long skipped;
        long conflicts;
        long rejected;

        public long read() {
            return read;
        }

        public long imported() {
            return imported;
        }

        public long skipped() {
            return skipped;
        }

        public long conflicts() {
            return conflicts;
        }

        public long rejected() {
            return rejected;
        }

        @Override
        public String toString() {
            return "read=" + read + " imported=" + imported + " skipped=" + skipped + " conflicts=" + conflicts
                    + " rejected=" + rejected;
        }
    }

    final String format;
    final Map<GridTable, Counts> tables = new EnumMap<>(GridTable.class);
    /** JSON Lines lines that are not a grid at all (no table or id could be read). */
    long unreadableLines;
    Path rejectsFile;
    Duration elapsed = Duration.ZERO;

    ImportReport(String format) {
        this.format = format;
        for (GridTable t : GridTable.values()) {
            tables.put(t, new Counts());
        }
    }

    public Counts counts(GridTable table) {
        return tables.get(table);
    }

    /** "SQLite 2014" or "JSON Lines". */
    public String format() {
        return format;
    }

    public long unreadableLines() {
        return unreadableLines;
    }

    /** The rejects file if anything was rejected or conflicted, else null. */
    public Path rejectsFile() {
        return rejectsFile;
    }

    public long totalRead() {
        return tables.values().stream().mapToLong(c -> c.read).sum() + unreadableLines;
    }

    public long notImported() {
        return tables.values().stream().mapToLong(c -> c.rejected + c.conflicts).sum() + unreadableLines;
    }

    public int exitCode() {
        return notImported() == 0 ? EXIT_OK : EXIT_ROWS_NOT_IMPORTED;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        String row = "%-18s %10s %10s %10s %10s %10s%n";
        out.append(String.format(Locale.ROOT, row, "table", "read", "imported", "skipped", "conflicts", "rejected"));
        for (Map.Entry<GridTable, Counts> e : tables.entrySet()) {
            Counts c = e.getValue();
            out.append(String.format(Locale.ROOT, row, e.getKey().tableName, c.read, c.imported, c.skipped,
                    c.conflicts, c.rejected));
        }
        if (unreadableLines > 0) {
            out.append(String.format(Locale.ROOT, row, "(unreadable lines)", unreadableLines, 0, 0, 0, unreadableLines));
        }
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.append(String.format(Locale.ROOT, "%,d rows (%s) in %.1f s: %,.0f rows/s%n", totalRead(), format, seconds,
                totalRead() / seconds));
        if (rejectsFile != null) {
            out.append(String.format(Locale.ROOT, "%,d row(s) not imported, listed in %s%n", notImported(), rejectsFile));
        }
        return out.toString();
    }
}
