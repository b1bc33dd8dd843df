package org.ipythonblocks.legacy;

import java.io.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;
import org.ipythonblocks.CommandException;
import org.ipythonblocks.grid.GridJson;

/**
 * The rows an import did not take, one JSON object per line: {@code kind} ({@code rejected} or
 * {@code conflict}), {@code table}, {@code id}, the JSON Lines {@code line} when there is one, and
 * the {@code reason}. Created on the first row written, so a clean import leaves no file.
 */
final class RejectsFile implements AutoCloseable {

    private final Path path;
    private final ImportReport report;
    /** Where the lines go instead of a file (standard error), or null. */
    private final java.io.PrintStream stream;
    private Writer out;
    private JsonGenerator json;

    /** {@code report} learns the file's path once there is a file. */
    RejectsFile(Path path, ImportReport report) {
        this.path = path;
        this.report = report;
        this.stream = null;
    }

    /** The lines on a stream (left open), for an import whose input is not a file of this machine. */
    RejectsFile(java.io.PrintStream stream, ImportReport report) {
        this.path = Path.of("standard error");
        this.report = report;
        this.stream = stream;
    }

    /**
     * @param table null when not even the table could be read
     * @param line  the JSON Lines line number, or 0
     */
    void write(String kind, GridTable table, String id, long line, String reason) {
        try {
            if (json == null && stream != null) {
                out = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
                json = GridJson.MAPPER.getFactory().createGenerator(out).setRootValueSeparator(null)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                report.rejectsFile = path;
            } else if (json == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                json = GridJson.MAPPER.getFactory().createGenerator(out).setRootValueSeparator(null);
                report.rejectsFile = path;
            }
            json.writeStartObject();
            json.writeStringField("kind", kind);
            json.writeStringField("table", table == null ? null : table.tableName);
            if (id != null && id.matches("-?\\d{1,18}")) {
                json.writeNumberField("id", Long.parseLong(id));
            } else {
                json.writeStringField("id", id);
            }
            if (line > 0) {
                json.writeNumberField("line", line);
            }
            json.writeStringField("reason", reason);
            json.writeEndObject();
            json.writeRaw('\n');
            if (stream != null) {
                json.flush(); // each line whole, between the progress lines
            }
        } catch (IOException e) {
            throw new CommandException("cannot write the rejects file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (json != null) {
                json.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
