package org.ipythonblocks.legacy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.CommandException;
import org.ipythonblocks.IpbConfig;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Imports grids into the site's database: the 2014 site's SQLite file, or the JSON Lines that
 * {@link GridExporter} writes (told apart by content: a SQLite file starts with
 * {@code "SQLite format 3\0"}).
 *
 * <ul>
 * <li>Ids are kept, so every old URL keeps resolving. Each identity is moved past the highest id
 * before anything is inserted (the whole file's, up front; each batch's, before it), so a post
 * never takes an imported id, however the import ends.</li>
 * <li>Rows are inserted in batches ({@code ipb.import.batch-size}, default 500), one transaction
 * and one SQL statement each, by {@code ipb.import.threads} (default 2) insert threads while the
 * file is read and checked; outcomes are counted in input order.</li>
 * <li>Safe to re-run: a row whose id is already taken by the same grid (compared as jsonb, ignoring
 * the creation time) is skipped; by a different grid, it is a conflict, reported and never
 * overwritten.</li>
 * <li>A row that cannot be read is rejected: the rest is imported, and table, id and reason go to the
 * rejects file (with the conflicts), by default {@code FILE.rejects.jsonl}.</li>
 * </ul>
 *
 * <p>This class runs the import: it tells the formats apart, hands the rows of a source
 * ({@link SqliteSource}, {@link JsonLinesSource}) to insert threads in batches and counts what
 * happened in input order. The SQL is {@link BatchInserter}'s, the rejects file {@link RejectsFile}'s.
 */
@ApplicationScoped
public class LegacyImporter {

    private static final Logger LOG = Logger.getLogger(LegacyImporter.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    /** The rejects "file" that means the progress stream (standard error). */
    public static final String TO_PROGRESS = "-";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IpbConfig config;

    /**
     * @param rejectsFile where to list rows not imported; null for {@code FILE.rejects.jsonl},
     *                    {@value #TO_PROGRESS} for the {@code progress} stream
     * @param progress    where progress lines go
     * @throws CommandException when the file cannot be read at all (exit code 2)
     */
    public ImportReport importFrom(Path file, Path rejectsFile, PrintStream progress) {
        if (!Files.isRegularFile(file)) {
            throw new CommandException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new CommandException(file + ": not readable");
        }
        boolean sqlite;
        try {
            sqlite = SqliteSource.isSqlite(file);
            if (!sqlite && !looksLikeJsonLines(file)) {
                throw new CommandException(file + " is neither a SQLite database nor JSON Lines (one JSON object per line)");
            }
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Path rejects = rejectsFile != null ? rejectsFile
                : file.toAbsolutePath().resolveSibling(file.getFileName() + ".rejects.jsonl");
        OffsetDateTime importTime = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        Run run = new Run(new ImportReport(sqlite ? "SQLite 2014" : "JSON Lines"), rejects, progress);
        try (run) {
            if (sqlite) {
                new SqliteSource(file, importTime).read(run);
            } else {
                new JsonLinesSource(file, importTime).read(run);
            }
            run.finish();
        }
        return run.report;
    }

    /** The first non-blank character is '{'. */
    private static boolean looksLikeJsonLines(Path file) throws IOException {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = in.read()) != -1) {
                if (!Character.isWhitespace(c)) {
                    return c == '{';
                }
            }
            throw new CommandException(file + " is empty");
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** One import: the batches being filled, the counters, the rejects file. */
    private final class Run implements RowSink, AutoCloseable {

        final ImportReport report;
        final RejectsFile rejects;
        final PrintStream progress;
        final BatchInserter inserter = new BatchInserter(dataSource);
        final Map<GridTable, Map<Long, ImportRow>> batches = new EnumMap<>(GridTable.class);
        final long started = System.nanoTime();
        long lastProgress = started;
        long expected;
        /** Batches being inserted, oldest first; their outcomes are counted in order, on this thread. */
        final Deque<Pending> inFlight = new ArrayDeque<>();
        final ExecutorService inserters = Executors.newFixedThreadPool(config.importer().threads(), r -> {
            Thread t = new Thread(r, "ipb-import-insert");
            t.setDaemon(true);
            return t;
        });

        Run(ImportReport report, Path rejectsPath, PrintStream progress) {
            this.report = report;
            this.rejects = rejectsPath.toString().equals(TO_PROGRESS) ? new RejectsFile(progress, report)
                    : new RejectsFile(rejectsPath, report);
            this.progress = progress;
            for (GridTable t : GridTable.values()) {
                batches.put(t, new LinkedHashMap<>());
            }
        }

        @Override
        public void expect(GridTable table, long rows, long maxId) {
            expected += rows;
            if (maxId > 0) {
                inserter.moveIdentityPast(table, maxId);
            }
        }

        @Override
        public void row(ImportRow row) {
            report.counts(row.table()).read++;
            Map<Long, ImportRow> batch = batches.get(row.table());
            if (batch.containsKey(row.id())) {
                flush(row.table()); // the same id twice in the input: the second is compared with the first
            }
            batch.put(row.id(), row);
            if (batch.size() >= config.importer().batchSize()) {
                flush(row.table());
            }
            tick();
        }

        @Override
        public void reject(GridTable table, String id, long line, String reason) {
            if (table == null) {
                report.unreadableLines++;
            } else {
                report.counts(table).read++;
                report.counts(table).rejected++;
            }
            rejects.write("rejected", table, id, line, reason);
            tick();
        }

        void conflict(ImportRow row, String reason) {
            report.counts(row.table()).conflicts++;
            rejects.write("conflict", row.table(), Long.toString(row.id()), 0, reason);
        }

        void finish() {
            for (GridTable table : GridTable.values()) {
                flush(table);
            }
            while (!inFlight.isEmpty()) {
                drainOldest();
            }
            report.elapsed = Duration.ofNanos(System.nanoTime() - started);
        }

        private void tick() {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                lastProgress = now;
                long read = report.totalRead();
                double seconds = (now - started) / 1e9;
                progress.printf(Locale.ROOT, "import: %,d%s rows read, %,d not imported, %,.0f rows/s%n", read,
                        expected > 0 ? String.format(Locale.ROOT, " of %,d", expected) : "", report.notImported(),
                        read / seconds);
            }
        }

        /** Hands a full batch to an insert thread; reading and checking go on meanwhile. */
        private void flush(GridTable table) {
            Map<Long, ImportRow> batch = batches.get(table);
            if (batch.isEmpty()) {
                return;
            }
            List<ImportRow> rows = new ArrayList<>(batch.values());
            batch.clear();
            // Two batches in flight with the same id would race; only a JSON Lines file can repeat an id.
            while (!inFlight.isEmpty() && (inFlight.size() >= config.importer().threads()
                    || inFlight.stream().anyMatch(p -> p.overlaps(table, rows)))) {
                drainOldest();
            }
            inFlight.add(new Pending(table, rows, inserters.submit(() -> inserter.insert(table, rows))));
        }

        private void drainOldest() {
            Pending pending = inFlight.removeFirst();
            try {
                count(pending.rows, pending.outcomes.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (ExecutionException e) {
                SQLException cause = BatchInserter.sqlCause(e.getCause());
                if (cause == null || !BatchInserter.isAboutTheData(cause)) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                // One row PostgreSQL refuses (e.g. \u0000 in a string) must not sink its batch: row by row.
                LOG.debugf("batch of %d rows refused (%s); importing it row by row", pending.rows.size(), cause.getMessage());
                for (ImportRow row : pending.rows) {
                    insertAlone(pending.table, row);
                }
            }
        }

        private void insertAlone(GridTable table, ImportRow row) {
            try {
                count(List.of(row), inserter.insert(table, List.of(row)));
            } catch (RuntimeException rowError) {
                SQLException rowCause = BatchInserter.sqlCause(rowError);
                if (rowCause == null || !BatchInserter.isAboutTheData(rowCause)) {
                    throw rowError;
                }
                report.counts(table).rejected++;
                rejects.write("rejected", table, Long.toString(row.id()), 0,
                        "PostgreSQL refused it: " + BatchInserter.firstLine(rowCause.getMessage()));
            }
        }

        private void count(List<ImportRow> rows, Map<Long, BatchInserter.Outcome> outcomes) {
            for (ImportRow row : rows) {
                BatchInserter.Outcome outcome = outcomes.get(row.id());
                ImportReport.Counts counts = report.counts(row.table());
                if (outcome == BatchInserter.Outcome.INSERTED) {
                    counts.imported++;
                } else if (outcome == BatchInserter.Outcome.SAME) {
                    counts.skipped++;
                } else if (outcome == BatchInserter.Outcome.TOKEN_TAKEN) {
                    conflict(row, "its token already belongs to another secret grid; nothing changed");
                } else {
                    conflict(row, "id " + row.id() + " already holds a different grid; it was left unchanged");
                }
            }
        }

        @Override
        public void close() {
            inserters.shutdownNow();
            rejects.close();
        }
    }

    private record Pending(GridTable table, List<ImportRow> rows, Future<Map<Long, BatchInserter.Outcome>> outcomes) {
        boolean overlaps(GridTable otherTable, List<ImportRow> other) {
            if (table != otherTable) {
                return false;
            }
            Set<Long> ids = new HashSet<>();
            rows.forEach(r -> ids.add(r.id()));
            return other.stream().anyMatch(r -> ids.contains(r.id()));
        }
    }
}
