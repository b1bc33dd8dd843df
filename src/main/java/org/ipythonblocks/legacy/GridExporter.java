package org.ipythonblocks.legacy;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonGenerator;
import org.ipythonblocks.CommandException;
import org.ipythonblocks.grid.GridJson;

import io.agroal.api.AgroalDataSource;

/**
 * Writes every row of both grid tables as JSON Lines, one object per line, every column that holds
 * something:
 * <pre>{"table":"public_grids","id":1,"created_at":"2017-07-02T10:11:12.345678Z","ipb_version":"1.6.0",
 * "python_version":[2,7,6,"final",0],"ipb_class":"BlockGrid","code_cells":null,"grid_data":{…},
 * "hidden_at":"…","delete_token_hash":"<64 hex digits>"}</pre>
 * with {@code "token"} after the id for secret grids posted on this site, {@code hidden_at} for a
 * hidden grid and {@code delete_token_hash} for one posted with a delete token. A deleted grid is its
 * deletion record, as the table keeps it (V11): {@code {"table":…,"id":5,"deleted_at":"…","deleted_by":"poster"}}
 * (and its token). {@link LegacyImporter} reads all of it back, so export, import into an empty
 * database and export again gives the same lines.
 *
 * <p>Streamed with a server-side cursor in one read-only, repeatable-read transaction (a consistent
 * snapshot of both tables however long it takes). To a file, through a temporary file moved into
 * place at the end, so a failed export never leaves a truncated file under the final name. jsonb
 * columns are copied as PostgreSQL prints them, never parsed.
 */
@ApplicationScoped
public class GridExporter {

    static final int FETCH_SIZE = 200;

    /** Where the summary says the grids went when they went to standard output. */
    static final Path STANDARD_OUTPUT = Path.of("standard output");

    @Inject
    AgroalDataSource dataSource;

    /** Export counts per table. */
    public record Report(Path file, Map<GridTable, Long> rows, Duration elapsed) {
        public String summary() {
            StringBuilder out = new StringBuilder();
            long total = 0;
            for (Map.Entry<GridTable, Long> e : rows.entrySet()) {
                out.append(String.format(Locale.ROOT, "%-18s %,10d%n", e.getKey().tableName, e.getValue()));
                total += e.getValue();
            }
            out.append(String.format(Locale.ROOT, "%,d grids written to %s in %.1f s%n", total, file,
                    elapsed.toMillis() / 1000.0));
            return out.toString();
        }
    }

    public Report exportTo(Path file, PrintStream progress) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new CommandException(file + " is a directory");
        }
        Path dir = target.getParent();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new CommandException("cannot write " + file + ": " + dir + " is not a writable directory");
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new CommandException("cannot write in " + dir + ": " + e.getMessage(), e);
        }
        try {
            Report report;
            try (OutputStream out = Files.newOutputStream(temp)) {
                report = write(out, target, progress);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } catch (IOException e) {
            throw new CommandException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** To a stream (standard output), left open. */
    public Report exportTo(OutputStream out, PrintStream progress) {
        try {
            return write(new FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush(); // the caller's stream stays open
                }
            }, STANDARD_OUTPUT, progress);
        } catch (IOException e) {
            throw new CommandException("cannot write to standard output: " + e.getMessage(), e);
        }
    }

    private Report write(OutputStream stream, Path shownAs, PrintStream progress) throws IOException {
        long started = System.nanoTime();
        Map<GridTable, Long> counts = new EnumMap<>(GridTable.class);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                JsonGenerator json = GridJson.MAPPER.getFactory().createGenerator(out).setRootValueSeparator(null);
                Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a server-side cursor needs a transaction
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                for (GridTable table : GridTable.values()) {
                    counts.put(table, exportTable(c, table, json, progress));
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed: " + e.getMessage(), e);
        }
        return new Report(shownAs, counts, Duration.ofNanos(System.nanoTime() - started));
    }

    private static long exportTable(Connection c, GridTable table, JsonGenerator json, PrintStream progress)
            throws SQLException, IOException {
        String token = table == GridTable.SECRET ? "token" : "null::text";
        String sql = "select id, " + token + ", created_at, ipb_version, python_version::text, ipb_class, "
                + "code_cells::text, grid_data::text, hidden_at, encode(delete_token_hash, 'hex'), deleted_at, deleted_by "
                + "from " + table.tableName + " order by id";
        long rows = 0;
        long lastProgress = System.nanoTime();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    json.writeStartObject();
                    json.writeStringField("table", table.tableName);
                    json.writeNumberField("id", rs.getLong(1));
                    String tokenValue = rs.getString(2);
                    if (tokenValue != null) {
                        json.writeStringField("token", tokenValue);
                    }
                    OffsetDateTime deletedAt = rs.getObject(11, OffsetDateTime.class);
                    if (deletedAt != null) {
                        json.writeStringField("deleted_at", timestamp(deletedAt));
                        json.writeStringField("deleted_by", rs.getString(12));
                    } else {
                        writeGrid(rs, json);
                    }
                    json.writeEndObject();
                    json.writeRaw('\n');
                    rows++;
                    long now = System.nanoTime();
                    if (now - lastProgress > Duration.ofSeconds(5).toNanos()) {
                        lastProgress = now;
                        progress.printf(Locale.ROOT, "export: %s: %,d rows written%n", table.tableName, rows);
                    }
                }
            }
        }
        return rows;
    }

    /** The columns of a grid that is not deleted. */
    private static void writeGrid(ResultSet rs, JsonGenerator json) throws SQLException, IOException {
        json.writeStringField("created_at", timestamp(rs.getObject(3, OffsetDateTime.class)));
        json.writeStringField("ipb_version", rs.getString(4));
        json.writeFieldName("python_version");
        json.writeRawValue(rs.getString(5));
        json.writeStringField("ipb_class", rs.getString(6));
        json.writeFieldName("code_cells");
        String cells = rs.getString(7);
        if (cells == null) {
            json.writeNull();
        } else {
            json.writeRawValue(cells);
        }
        json.writeFieldName("grid_data");
        json.writeRawValue(rs.getString(8));
        OffsetDateTime hiddenAt = rs.getObject(9, OffsetDateTime.class);
        if (hiddenAt != null) {
            json.writeStringField("hidden_at", timestamp(hiddenAt));
        }
        String tokenHash = rs.getString(10);
        if (tokenHash != null) {
            json.writeStringField("delete_token_hash", tokenHash);
        }
    }

    private static String timestamp(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
