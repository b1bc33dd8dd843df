package org.ipythonblocks.legacy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipythonblocks.grid.GridJson;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The rows an import did not take, one JSON object per line: {@code kind} ({@code rejected} or
 * {@code conflict}), {@code table}, {@code id}, the JSON Lines {@code line} when there is one, and
 * the {@code reason}. Created on the first row written, so a clean import leaves no file.
 */
final class RejectsFile implements AutoCloseable {

    private final Path path;
    private final ImportReport report;
    private BufferedWriter out;
    private JsonGenerator json;

    /** {@code report} learns the file's path once there is a file. */
    RejectsFile(Path path, ImportReport report) {
        this.path = path;
        this.report = report;
    }

    /**
     * @param table null when not even the table could be read
     * @param line  the JSON Lines line number, or 0
     */
    void write(String kind, GridTable table, String id, long line, String reason) {
        try {
            if (json == null) {
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
