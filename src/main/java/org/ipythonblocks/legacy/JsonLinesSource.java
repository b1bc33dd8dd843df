package org.ipythonblocks.legacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The export format ({@link GridExporter}): one JSON object per line, {@code table}, {@code id},
 * {@code token} (secret grids posted on this site only), {@code created_at}, then the grid's columns with
 * the JSON ones as JSON values. Ids, tokens and creation times are kept; a line without
 * {@code created_at} gets the time of the import.
 */
final class JsonLinesSource {

    private final Path file;
    private final OffsetDateTime importTime;

    JsonLinesSource(Path file, OffsetDateTime importTime) {
        this.file = file;
        this.importTime = importTime;
    }

    void read(RowSink sink) {
        long lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    readLine(line, lineNumber, sink);
                }
            }
        } catch (CharacterCodingException e) {
            throw new CommandException(file + ": line " + (lineNumber + 1) + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void readLine(String line, long lineNumber, RowSink sink) {
        JsonNode node;
        try {
            node = RowChecks.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            sink.reject(null, null, lineNumber, "not a JSON object: " + e.getOriginalMessage());
            return;
        }
        if (!node.isObject()) {
            sink.reject(null, null, lineNumber, "not a JSON object but " + RowChecks.describe(node));
            return;
        }
        JsonNode tableNode = node.get("table");
        GridTable table = tableNode != null && tableNode.isTextual() ? GridTable.named(tableNode.asText()).orElse(null) : null;
        JsonNode idNode = node.get("id");
        String idText = idNode == null || idNode.isNull() ? null : idNode.asText();
        if (table == null) {
            sink.reject(null, idText, lineNumber, "\"table\" is not \"public_grids\" or \"secret_grids\"");
            return;
        }
        if (idNode == null || !idNode.canConvertToExactIntegral() || !idNode.canConvertToLong()) {
            sink.reject(table, idText, lineNumber, "\"id\" is not an integer");
            return;
        }
        try {
            sink.row(RowChecks.check(table, idNode.asLong(), text(node, "token"), createdAt(node),
                    text(node, "ipb_version"), json(node, "python_version"), text(node, "ipb_class"),
                    json(node, "code_cells"), json(node, "grid_data")));
        } catch (RowProblem problem) {
            sink.reject(table, idText, lineNumber, problem.getMessage());
        }
    }

    private OffsetDateTime createdAt(JsonNode node) throws RowProblem {
        String text = text(node, "created_at");
        if (text == null) {
            return importTime;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new RowProblem("created_at is not an ISO-8601 date-time with offset: " + text);
        }
    }

    /** A string field; null when absent or JSON null (a required field then fails in {@link RowChecks}). */
    private static String text(JsonNode node, String field) throws RowProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RowProblem(field + " is " + RowChecks.describe(value) + ", not a string");
        }
        return value.asText();
    }

    /** A JSON field as JSON text, for the same checks as the SQLite text columns; null when absent. */
    private static String json(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.toString();
    }
}
