package org.ipythonblocks.legacy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import org.ipythonblocks.IpbConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports grids into the site's database: the 2014 site's SQLite file, or the JSON Lines that
 * {@link GridExporter} writes (told apart by content: a SQLite file starts with
 * {@code "SQLite format 3\0"}).
 *
 * <ul>
 * <li>Ids are kept, so every old URL keeps resolving; afterwards each identity is moved past the
 * highest id, so the next post gets a fresh one.</li>
 * <li>Rows are inserted in batches ({@code ipb.import.batch-size}, default 500), one transaction
 * and one SQL statement each, by {@code ipb.import.threads} (default 2) insert threads while the
 * file is read and checked; outcomes are counted in input order.</li>
 * <li>Safe to re-run: a row whose id is already taken by the same grid (compared as jsonb, ignoring
 * the creation time) is skipped; by a different grid, it is a conflict, reported and never
 * overwritten.</li>
 * <li>A row that cannot be read is rejected: the rest is imported, and table, id and reason go to the
 * rejects file (with the conflicts), by default {@code FILE.rejects.jsonl}.</li>
 * </ul>
 */
@ApplicationScoped
public class LegacyImporter {

    private static final Logger LOG = Logger.getLogger(LegacyImporter.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IpbConfig config;

    /** Imports {@code file}, rejects next to it, progress on stderr. */
    public ImportReport importFrom(Path file) {
        return importFrom(file, null, System.err);
    }

    /**
     * @param rejectsFile where to list rows not imported; null for {@code FILE.rejects.jsonl}
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
        final Path rejectsPath;
        final PrintStream progress;
        final Map<GridTable, Map<Long, ImportRow>> batches = new EnumMap<>(GridTable.class);
        final long started = System.nanoTime();
        long lastProgress = started;
        long expected;
        BufferedWriter rejects;
        JsonGenerator rejectsJson;
        /** Batches being inserted, oldest first; their outcomes are counted in order, on this thread. */
        final Deque<Pending> inFlight = new ArrayDeque<>();
        final ExecutorService inserters = Executors.newFixedThreadPool(config.importer().threads(), r -> {
            Thread t = new Thread(r, "ipb-import-insert");
            t.setDaemon(true);
            return t;
        });

        Run(ImportReport report, Path rejectsPath, PrintStream progress) {
            this.report = report;
            this.rejectsPath = rejectsPath;
            this.progress = progress;
            for (GridTable t : GridTable.values()) {
                batches.put(t, new LinkedHashMap<>());
            }
        }

        @Override
        public void expect(GridTable table, long rows) {
            expected += rows;
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
            record("rejected", table, id, line, reason);
            tick();
        }

        void conflict(ImportRow row, String reason) {
            report.counts(row.table()).conflicts++;
            record("conflict", row.table(), Long.toString(row.id()), 0, reason);
        }

        void finish() {
            for (GridTable table : GridTable.values()) {
                flush(table);
            }
            while (!inFlight.isEmpty()) {
                drainOldest();
            }
            moveIdentitiesPastMaxId();
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
            inFlight.add(new Pending(table, rows, inserters.submit(
                    () -> QuarkusTransaction.requiringNew().call(() -> insert(table, rows)))));
        }

        private void drainOldest() {
            Pending pending = inFlight.removeFirst();
            try {
                count(pending.rows, pending.outcomes.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (ExecutionException e) {
                SQLException cause = sqlCause(e.getCause());
                if (cause == null || !isAboutTheData(cause)) {
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
                count(List.of(row), QuarkusTransaction.requiringNew().call(() -> insert(table, List.of(row))));
            } catch (RuntimeException rowError) {
                SQLException rowCause = sqlCause(rowError);
                if (rowCause == null || !isAboutTheData(rowCause)) {
                    throw rowError;
                }
                report.counts(table).rejected++;
                record("rejected", table, Long.toString(row.id()), 0,
                        "PostgreSQL refused it: " + firstLine(rowCause.getMessage()));
            }
        }

        private void count(List<ImportRow> rows, Map<Long, Outcome> outcomes) {
            for (ImportRow row : rows) {
                Outcome outcome = outcomes.get(row.id());
                ImportReport.Counts counts = report.counts(row.table());
                if (outcome == Outcome.INSERTED) {
                    counts.imported++;
                } else if (outcome == Outcome.SAME) {
                    counts.skipped++;
                } else if (outcome == Outcome.TOKEN_TAKEN) {
                    conflict(row, "its token already belongs to another secret grid; nothing changed");
                } else {
                    conflict(row, "id " + row.id() + " already holds a different grid; it was left unchanged");
                }
            }
        }

        private void record(String kind, GridTable table, String id, long line, String reason) {
            try {
                if (rejectsJson == null) {
                    Path parent = rejectsPath.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    rejects = Files.newBufferedWriter(rejectsPath, StandardCharsets.UTF_8);
                    rejectsJson = RowChecks.JSON.getFactory().createGenerator(rejects).setRootValueSeparator(null);
                    report.rejectsFile = rejectsPath;
                }
                rejectsJson.writeStartObject();
                rejectsJson.writeStringField("kind", kind);
                rejectsJson.writeStringField("table", table == null ? null : table.tableName);
                if (id != null && id.matches("-?\\d{1,18}")) {
                    rejectsJson.writeNumberField("id", Long.parseLong(id));
                } else {
                    rejectsJson.writeStringField("id", id);
                }
                if (line > 0) {
                    rejectsJson.writeNumberField("line", line);
                }
                rejectsJson.writeStringField("reason", reason);
                rejectsJson.writeEndObject();
                rejectsJson.writeRaw('\n');
            } catch (IOException e) {
                throw new CommandException("cannot write the rejects file " + rejectsPath + ": " + e.getMessage(), e);
            }
        }

        private void moveIdentitiesPastMaxId() {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection()) {
                    for (GridTable table : GridTable.values()) {
                        moveIdentityPastMaxId(c, table);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not move the id sequences: " + e.getMessage(), e);
                }
            });
        }

        @Override
        public void close() {
            inserters.shutdownNow();
            try {
                if (rejectsJson != null) {
                    rejectsJson.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Pending(GridTable table, List<ImportRow> rows, Future<Map<Long, Outcome>> outcomes) {
        boolean overlaps(GridTable otherTable, List<ImportRow> other) {
            if (table != otherTable) {
                return false;
            }
            Set<Long> ids = new HashSet<>();
            rows.forEach(r -> ids.add(r.id()));
            return other.stream().anyMatch(r -> ids.contains(r.id()));
        }
    }

    enum Outcome {
        INSERTED, SAME, DIFFERENT, TOKEN_TAKEN
    }

    private static final String INSERT = """
            with incoming as (
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::timestamptz[], ?::text[])
                    as t(id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, token)
            ), inserted as (
                insert into %1$s (id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret%2$s)
                select id, ipb_version, python_version::jsonb, grid_data::jsonb, code_cells::jsonb, ipb_class,
                       created_at, %3$s%4$s
                from incoming
                on conflict do nothing
                returning id
            )
            select i.id, inserted.id is not null, g.id is not null,
                   g.id is not null
                   and g.ipb_version = i.ipb_version
                   and g.ipb_class = i.ipb_class
                   and g.python_version = i.python_version::jsonb
                   and coalesce(g.code_cells, 'null'::jsonb) = coalesce(i.code_cells::jsonb, 'null'::jsonb)
                   and g.grid_data = i.grid_data::jsonb
                   %5$s
            from incoming i
            left join inserted on inserted.id = i.id
            left join %1$s g on g.id = i.id
            """;

    private static final String INSERT_PUBLIC = INSERT.formatted("public_grids", "", "false", "", "");
    private static final String INSERT_SECRET = INSERT.formatted("secret_grids", ", token", "true", ", token",
            "and g.token is not distinct from i.token");

    /**
     * One statement per batch: insert what is new ({@code on conflict do nothing} covers a taken id
     * and a taken token) and, for the rest, compare with what is stored. The comparison reads the
     * snapshot from before the insert, so a row inserted now is never compared with itself.
     */
    private Map<Long, Outcome> insert(GridTable table, List<ImportRow> rows) throws SQLException {
        int n = rows.size();
        Long[] ids = new Long[n];
        String[] ipbVersions = new String[n];
        String[] pythonVersions = new String[n];
        String[] gridData = new String[n];
        String[] codeCells = new String[n];
        String[] ipbClasses = new String[n];
        String[] createdAt = new String[n];
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            ImportRow row = rows.get(i);
            ids[i] = row.id();
            ipbVersions[i] = row.ipbVersion();
            pythonVersions[i] = row.pythonVersionJson();
            gridData[i] = row.gridDataJson();
            codeCells[i] = row.codeCellsJson();
            ipbClasses[i] = row.ipbClass();
            createdAt[i] = row.createdAt().toString();
            tokens[i] = row.token();
        }
        Map<Long, Outcome> outcomes = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(table == GridTable.PUBLIC ? INSERT_PUBLIC : INSERT_SECRET)) {
            List<Array> arrays = List.of(c.createArrayOf("bigint", ids), c.createArrayOf("text", ipbVersions),
                    c.createArrayOf("text", pythonVersions), c.createArrayOf("text", gridData),
                    c.createArrayOf("text", codeCells), c.createArrayOf("text", ipbClasses),
                    c.createArrayOf("text", createdAt), c.createArrayOf("text", tokens));
            for (int i = 0; i < arrays.size(); i++) {
                st.setArray(i + 1, arrays.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Outcome outcome = rs.getBoolean(2) ? Outcome.INSERTED
                            : !rs.getBoolean(3) ? Outcome.TOKEN_TAKEN
                            : rs.getBoolean(4) ? Outcome.SAME : Outcome.DIFFERENT;
                    outcomes.put(id, outcome);
                }
            }
        }
        return outcomes;
    }

    /** Moves the identity past the highest id, never backwards. */
    static void moveIdentityPastMaxId(Connection c, GridTable table) throws SQLException {
        String sequence;
        long max;
        try (PreparedStatement st = c.prepareStatement("select pg_get_serial_sequence(?, 'id'), "
                + "(select coalesce(max(id), 0) from " + table.tableName + ")")) {
            st.setString(1, table.tableName);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
                max = rs.getLong(2);
            }
        }
        long next;
        try (PreparedStatement st = c.prepareStatement("select last_value, is_called from " + sequence);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            next = rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
        }
        if (max + 1 > next) {
            try (PreparedStatement st = c.prepareStatement("select setval(?::regclass, ?, false)")) {
                st.setString(1, sequence);
                st.setLong(2, max + 1);
                st.executeQuery().close();
            }
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** Data exceptions (22…), constraint violations (23…), program limits (54…): the row's fault, not the database's. */
    private static boolean isAboutTheData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
