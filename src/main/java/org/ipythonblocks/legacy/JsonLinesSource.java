package org.ipythonblocks.legacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import org.ipythonblocks.CommandException;

/**
 * The export format ({@link GridExporter}): one JSON object per line, {@code table}, {@code id},
 * {@code token} (secret grids posted on this site only), {@code created_at}, then the grid's columns with
 * the JSON ones as JSON values, then its takedown state ({@code hidden_at}, {@code delete_token_hash});
 * or, for a deleted grid, {@code deleted_at} and {@code deleted_by} alone. Everything is kept; a line
 * without {@code created_at} (an export older than creation times) gets the time of the import.
 */
final class JsonLinesSource {

    private final Path file;
    private final OffsetDateTime importTime;

    JsonLinesSource(Path file, OffsetDateTime importTime) {
        this.file = file;
        this.importTime = importTime;
    }

    void read(RowSink sink) {
        announceHighestIds(sink);
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

    /**
     * A first, quick pass (only {@code table} and {@code id} are read; grids are skipped as tokens):
     * each table's rows and highest id, so the import can move the identities past them before it
     * inserts anything. A line that cannot be read counts for nothing here; the second pass rejects it.
     */
    private void announceHighestIds(RowSink sink) {
        Map<GridTable, long[]> seen = new EnumMap<>(GridTable.class); // rows, highest id
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                scanIdentity(line, seen);
            }
        } catch (IOException e) {
            return; // the second pass reports it, with the line
        }
        seen.forEach((table, counts) -> sink.expect(table, counts[0], counts[1]));
    }

    private static void scanIdentity(String line, Map<GridTable, long[]> seen) {
        GridTable table = null;
        long id = 0;
        try (JsonParser p = RowChecks.JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("table") && value == JsonToken.VALUE_STRING) {
                    table = GridTable.named(p.getText()).orElse(null);
                } else if (name.equals("id") && value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    id = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return;
        }
        if (table != null) {
            long[] counts = seen.computeIfAbsent(table, t -> new long[2]);
            counts[0]++;
            counts[1] = Math.max(counts[1], id);
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
            sink.row(node.has("deleted_at") ? deleted(table, idNode.asLong(), node) : RowChecks.withTakedown(
                    RowChecks.check(table, idNode.asLong(), text(node, "token"), createdAt(node),
                            text(node, "ipb_version"), json(node, "python_version"), text(node, "ipb_class"),
                            json(node, "code_cells"), json(node, "grid_data")),
                    timestamp(node, "hidden_at"), text(node, "delete_token_hash")));
        } catch (RowProblem problem) {
            sink.reject(table, idText, lineNumber, problem.getMessage());
        }
    }

    /** A deleted grid's record: nothing of the grid may come with it. */
    private static ImportRow deleted(GridTable table, long id, JsonNode node) throws RowProblem {
        for (String field : GRID_FIELDS) {
            if (node.has(field)) {
                throw new RowProblem("a deleted grid keeps no " + field + " (its data is erased)");
            }
        }
        return RowChecks.deleted(table, id, text(node, "token"), timestamp(node, "deleted_at"), text(node, "deleted_by"));
    }

    /** What a grid that is not deleted has, and a deleted one has not. */
    private static final java.util.List<String> GRID_FIELDS = java.util.List.of("created_at", "ipb_version",
            "python_version", "ipb_class", "code_cells", "grid_data", "hidden_at", "delete_token_hash");

    /** Exports keep the creation time; a line without one gets the time of the import. */
    private OffsetDateTime createdAt(JsonNode node) throws RowProblem {
        OffsetDateTime created = timestamp(node, "created_at");
        return created == null ? importTime : created;
    }

    /** An ISO-8601 date-time with offset, or null when absent. */
    private static OffsetDateTime timestamp(JsonNode node, String field) throws RowProblem {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new RowProblem(field + " is not an ISO-8601 date-time with offset: " + text);
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
