package org.ipythonblocks.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The {@code grid_data} of a grid, as the client posts it and as the jsonb column stores it:
 * {@code width}, {@code height}, {@code lines_on} and {@code blocks}, plus any other keys the poster
 * put inside {@code grid_data} (the original site gave those back too).
 *
 * <p>{@code blocks} is row-major, top row first. To keep a 640×480 grid small in memory, row
 * {@code r} is one flat {@code int[]} of {@code [red, green, blue, size]} quadruples rather than a
 * list of lists of boxed numbers: 1.2 MiB of ints instead of tens of MiB of objects. Rows posted
 * through {@code POST /post} always match {@code width}×{@code height}; rows read from legacy data
 * may not, and the accessors stay safe for those.
 *
 * <h2>Reading blocks: one shape, three policies</h2>
 * Three readers walk {@code blocks}, each in one streaming pass into {@link Rows}. They differ on
 * purpose, and only in what they do when the JSON departs from rows of {@code [r, g, b, size]}
 * blocks of integers from 0 to 2147483647:
 * <table>
 * <caption>What each reader does with a departure from the shape</caption>
 * <tr><th>reader</th><th>reads</th><th>a value that is not such an integer, a block not of 4</th>
 * <th>rows not {@code width}×{@code height}, empty rows</th><th>tells</th></tr>
 * <tr><td>{@code grid.post.GridPostReader}</td><td>{@code POST /post}</td><td>refused</td><td>refused</td>
 * <td>every problem (the first 20), each with its JSON path</td></tr>
 * <tr><td>{@code legacy.RowChecks}</td><td>an import</td><td>refused</td><td>kept: the old site stored
 * and served them</td><td>the first problem, as the row's reject reason</td></tr>
 * <tr><td>{@link Reader}</td><td>the jsonb column</td><td>clamped to 0…2147483647, anything else 0</td>
 * <td>kept</td><td>nothing: stored data was checked when it came in, and a page always draws</td></tr>
 * </table>
 * The first two read with {@link GridJson}; a rule about what a block may hold changes in the first
 * two together.
 */
@JsonSerialize(using = GridData.Writer.class)
@JsonDeserialize(using = GridData.Reader.class)
public record GridData(int width, int height, boolean linesOn, int[][] blocks, Map<String, JsonNode> extra) {

    /** The keys the client reads back; everything else is kept in {@link #extra}. */
    static final Set<String> KNOWN_KEYS = Set.of("width", "height", "lines_on", "blocks");

    public GridData {
        Objects.requireNonNull(blocks, "blocks");
        extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A grid of one colour, for fixtures and pages that draw their own grids. */
    public static GridData filled(int width, int height, boolean linesOn, int red, int green, int blue, int size) {
        int[][] rows = new int[height][];
        for (int r = 0; r < height; r++) {
            rows[r] = new int[width * 4];
            for (int c = 0; c < width; c++) {
                rows[r][c * 4] = red;
                rows[r][c * 4 + 1] = green;
                rows[r][c * 4 + 2] = blue;
                rows[r][c * 4 + 3] = size;
            }
        }
        return new GridData(width, height, linesOn, rows, Map.of());
    }

    public int rowCount() {
        return blocks.length;
    }

    public int columnCount(int row) {
        return blocks[row].length / 4;
    }

    /** The longest row's block count: the columns a drawing has (equals {@code width} for every grid posted here). */
    public int maxColumnCount() {
        int cols = 0;
        for (int[] row : blocks) {
            cols = Math.max(cols, row.length / 4);
        }
        return cols;
    }

    public int red(int row, int col) {
        return blocks[row][col * 4];
    }

    public int green(int row, int col) {
        return blocks[row][col * 4 + 1];
    }

    public int blue(int row, int col) {
        return blocks[row][col * 4 + 2];
    }

    public int size(int row, int col) {
        return blocks[row][col * 4 + 3];
    }

    /** Number of blocks actually present (equals width×height for every grid posted here). */
    public long blockCount() {
        long n = 0;
        for (int[] row : blocks) {
            n += row.length / 4;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridData g && width == g.width && height == g.height && linesOn == g.linesOn
                && Arrays.deepEquals(blocks, g.blocks) && extra.equals(g.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, linesOn, Arrays.deepHashCode(blocks), extra);
    }

    @Override
    public String toString() {
        return "GridData[" + width + "x" + height + ", lines_on=" + linesOn + ", extra=" + extra.keySet() + "]";
    }

    /** Writes the client's wire format: {@code {"width":…,"height":…,"lines_on":…,"blocks":[[[r,g,b,s],…],…]}}. */
    static final class Writer extends JsonSerializer<GridData> {
        @Override
        public void serialize(GridData grid, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("width", grid.width);
            gen.writeNumberField("height", grid.height);
            gen.writeBooleanField("lines_on", grid.linesOn);
            gen.writeFieldName("blocks");
            gen.writeStartArray();
            for (int[] row : grid.blocks) {
                gen.writeStartArray();
                for (int i = 0; i + 3 < row.length; i += 4) {
                    gen.writeArray(row, i, 4);
                }
                gen.writeEndArray();
            }
            gen.writeEndArray();
            for (Map.Entry<String, JsonNode> e : grid.extra.entrySet()) {
                gen.writeFieldName(e.getKey());
                gen.writeTree(e.getValue());
            }
            gen.writeEndObject();
        }
    }

    /**
     * Reads stored grid data. Lenient on purpose: rows in the database were validated when they
     * were posted (or imported), and legacy rows are shown as well as they can be rather than
     * failing the page. Strict validation of posted data is {@code GridPostReader}'s job (the three
     * policies: "Reading blocks" above).
     */
    static final class Reader extends JsonDeserializer<GridData> {
        @Override
        public GridData deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (GridData) ctxt.handleUnexpectedToken(GridData.class, p);
            }
            int width = 0;
            int height = 0;
            boolean linesOn = false;
            int[][] blocks = new int[0][];
            Map<String, JsonNode> extra = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "width" -> width = clampedInt(p);
                    case "height" -> height = clampedInt(p);
                    case "lines_on" -> linesOn = value == JsonToken.VALUE_TRUE
                            || (value.isNumeric() && p.getDoubleValue() != 0);
                    case "blocks" -> blocks = readBlocks(p);
                    default -> extra.put(name, p.readValueAsTree());
                }
            }
            return new GridData(width, height, linesOn, blocks, extra);
        }

        private static int[][] readBlocks(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return new int[0][];
            }
            Rows rows = new Rows();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                Rows.Row row = rows.newRow();
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    int[] block = new int[4];
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (i < 4 && p.currentToken().isNumeric()) {
                            block[i] = clampedInt(p);
                        }
                        p.skipChildren();
                        i++;
                    }
                    row.add(block[0], block[1], block[2], block[3]);
                }
                row.finish();
            }
            return rows.toArray();
        }

        private static int clampedInt(JsonParser p) throws IOException {
            if (!p.currentToken().isNumeric()) {
                p.skipChildren();
                return 0;
            }
            double d = p.getDoubleValue();
            return d >= Integer.MAX_VALUE ? Integer.MAX_VALUE : d <= 0 ? 0 : (int) Math.round(d);
        }
    }

    /** Collects rows of {@code [r, g, b, size]} quadruples into compact {@code int[]} rows while parsing. */
    public static final class Rows {

        private final List<int[]> rows = new ArrayList<>();

        public Row newRow() {
            return new Row();
        }

        public int[][] toArray() {
            return rows.toArray(new int[0][]);
        }

        public final class Row {
            private int[] values = new int[64];
            private int length;

            public void add(int red, int green, int blue, int size) {
                if (length + 4 > values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[length++] = red;
                values[length++] = green;
                values[length++] = blue;
                values[length++] = size;
            }

            public void finish() {
                rows.add(Arrays.copyOf(values, length));
            }
        }
    }
}
