package org.ipythonblocks.legacy;

import java.io.IOException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridJson;

/**
 * Turns one row of old data into a {@link ImportRow}, or says why it cannot be read.
 *
 * <p>The rules: the row must read back as a {@code Grid} entity and be served by
 * {@code /get/} the way the client expects. So {@code grid_data} must be a JSON object with
 * {@code width} and {@code height} (integers ≥ 0), {@code lines_on} (true/false) and {@code blocks}
 * (rows of {@code [r, g, b, size]} blocks, integers ≥ 0 that fit 32 bits); other keys are kept.
 * {@code python_version} must be a JSON array, {@code code_cells} a list of strings or nothing
 * (SQL NULL, the text {@code null}, an empty string), {@code ipb_version} and {@code ipb_class}
 * present. A grid whose blocks do not match width×height is kept: the old site stored and served
 * such grids too. JSON is checked, not rewritten, so PostgreSQL stores exactly what the old site
 * stored (jsonb normalises key order and whitespace). How these rules for blocks differ from a post's
 * and from reading stored data: {@link org.ipythonblocks.grid.GridData}, "Reading blocks".
 */
final class RowChecks {

    /** Strict JSON: repeated keys, trailing text, NaN and friends are all errors ({@link GridJson#ROWS}). */
    static final ObjectReader JSON = GridJson.ROWS;

    private RowChecks() {
    }

    static ImportRow check(GridTable table, long id, String token, OffsetDateTime createdAt, String ipbVersion,
            String pythonVersion, String ipbClass, String codeCells, String gridData) throws RowProblem {
        checkIdAndToken(table, id, token);
        if (ipbVersion == null) {
            throw new RowProblem("ipb_version is missing");
        }
        if (ipbClass == null) {
            throw new RowProblem("ipb_class is missing");
        }
        checkPythonVersion(pythonVersion);
        String cells = checkCodeCells(codeCells);
        checkGridData(gridData);
        return new ImportRow(table, id, token, createdAt, ipbVersion, pythonVersion.strip(), ipbClass, cells,
                gridData.strip(), null, null, null, null);
    }

    /**
     * A grid's takedown state: when it was hidden, and its delete token's SHA-256 (64 hex digits).
     */
    static ImportRow withTakedown(ImportRow row, OffsetDateTime hiddenAt, String deleteTokenHash) throws RowProblem {
        if (deleteTokenHash != null && !deleteTokenHash.matches("[0-9a-f]{64}")) {
            throw new RowProblem("delete_token_hash is not a SHA-256 in 64 lowercase hex digits");
        }
        return row.withTakedown(hiddenAt, deleteTokenHash);
    }

    /**
     * A deleted grid's record: its id (and a secret grid's token), when and by whom; nothing posted
     * (V11 erases it).
     */
    static ImportRow deleted(GridTable table, long id, String token, OffsetDateTime deletedAt, String deletedBy)
            throws RowProblem {
        checkIdAndToken(table, id, token);
        if (!"poster".equals(deletedBy) && !"admin".equals(deletedBy)) {
            throw new RowProblem("deleted_by is not \"poster\" or \"admin\"");
        }
        return new ImportRow(table, id, token, null, null, null, null, null, null, null, null, deletedAt, deletedBy);
    }

    private static void checkIdAndToken(GridTable table, long id, String token) throws RowProblem {
        if (id < 1) {
            throw new RowProblem("id " + id + " is not a positive integer, so no URL can address it");
        }
        if (token != null) {
            if (table != GridTable.SECRET) {
                throw new RowProblem("only secret grids have a token");
            }
            if (!GridIds.isToken(token)) {
                throw new RowProblem("token is not 20 letters and digits");
            }
        }
    }

    private static void checkPythonVersion(String text) throws RowProblem {
        JsonNode node = parse("python_version", text);
        if (!node.isArray()) {
            throw new RowProblem("python_version is " + describe(node) + ", not a list");
        }
    }

    /** The JSON to store, or null for "no code cells". */
    private static String checkCodeCells(String text) throws RowProblem {
        if (text == null || text.isBlank() || text.strip().equals("null")) {
            return null;
        }
        JsonNode node = parse("code_cells", text);
        if (node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new RowProblem("code_cells is " + describe(node) + ", not a list of strings");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new RowProblem("code_cells[" + i + "] is " + describe(node.get(i)) + ", not a string");
            }
        }
        return text.strip();
    }

    private static JsonNode parse(String column, String text) throws RowProblem {
        if (text == null || text.isBlank()) {
            throw new RowProblem(column + " is missing");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RowProblem(column + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** One streaming pass: a 640×480 grid never becomes a tree of a million nodes. */
    static void checkGridData(String text) throws RowProblem {
        if (text == null || text.isBlank()) {
            throw new RowProblem("grid_data is missing");
        }
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowProblem("grid_data is not a JSON object");
            }
            boolean width = false;
            boolean height = false;
            boolean linesOn = false;
            boolean blocks = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "width" -> {
                        width = true;
                        checkInt(p, "grid_data.width");
                    }
                    case "height" -> {
                        height = true;
                        checkInt(p, "grid_data.height");
                    }
                    case "lines_on" -> {
                        linesOn = true;
                        if (!value.isBoolean()) {
                            throw new RowProblem("grid_data.lines_on is not true or false");
                        }
                    }
                    case "blocks" -> {
                        blocks = true;
                        checkBlocks(p);
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RowProblem("grid_data has text after its JSON object");
            }
            StringBuilder missing = new StringBuilder();
            appendIf(missing, !width, "width");
            appendIf(missing, !height, "height");
            appendIf(missing, !linesOn, "lines_on");
            appendIf(missing, !blocks, "blocks");
            if (!missing.isEmpty()) {
                throw new RowProblem("grid_data has no " + missing);
            }
        } catch (JsonProcessingException e) {
            throw new RowProblem("grid_data is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RowProblem("grid_data could not be read: " + e.getMessage());
        }
    }

    private static void checkBlocks(JsonParser p) throws IOException, RowProblem {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new RowProblem("grid_data.blocks is not a list of rows");
        }
        int r = 0;
        for (JsonToken row = p.nextToken(); row != JsonToken.END_ARRAY; row = p.nextToken(), r++) {
            if (row != JsonToken.START_ARRAY) {
                throw new RowProblem("grid_data.blocks[" + r + "] is not a list of blocks");
            }
            int c = 0;
            for (JsonToken block = p.nextToken(); block != JsonToken.END_ARRAY; block = p.nextToken(), c++) {
                String where = "grid_data.blocks[" + r + "][" + c + "]";
                if (block != JsonToken.START_ARRAY) {
                    throw new RowProblem(where + " is not a [red, green, blue, size] list");
                }
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (n < 4) {
                        checkInt(p, where + "[" + n + "]");
                    } else {
                        p.skipChildren();
                    }
                    n++;
                }
                if (n != 4) {
                    throw new RowProblem(where + " has " + n + " numbers, not 4 (red, green, blue, size)");
                }
            }
        }
    }

    private static void checkInt(JsonParser p, String where) throws IOException, RowProblem {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new RowProblem(where + " is not an integer");
        }
        if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
            throw new RowProblem(where + " is " + p.getText() + ", not an integer from 0 to 2147483647");
        }
    }

    private static void appendIf(StringBuilder list, boolean condition, String key) {
        if (condition) {
            list.append(list.isEmpty() ? "" : ", ").append(key);
        }
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
