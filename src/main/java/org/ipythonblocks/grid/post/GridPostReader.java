package org.ipythonblocks.grid.post;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.ipythonblocks.Problem.Violation;
import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridData.Rows;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridJson;
import org.ipythonblocks.grid.GridPost;
import org.ipythonblocks.web.ReasonPhrases;

/**
 * Reads and validates a {@code POST /post} body in one streaming pass, so a 640×480 grid never
 * exists as a tree of millions of JSON nodes: blocks go straight into compact int rows.
 *
 * <p>The rules are the original site's JSON schema (draft-04, {@code app/postvalidate.py}) to the
 * letter, plus the fixes of the spec's §6.2: blocks must match width×height, code cells must be
 * strings, unknown top-level keys are ignored, a key repeated in any object is rejected, and
 * numbers must fit in 32 bits. Every problem is reported with its path
 * ({@code grid_data.blocks[2][0][1]}) in words a notebook user understands. How its rules for blocks
 * differ from the import's and from reading stored data: {@link GridData}, "Reading blocks".
 */
public final class GridPostReader {

    public static final int MAX_REPORTED = 20;

    /**
     * What one post may carry as code: far beyond any real notebook (a notebook of 500 cells, or of
     * 200,000 characters of code, some 5,000 lines, is already rare), and small enough that the page,
     * the notebook and the script of the largest legal post render in bounded memory (docs/architecture.md,
     * "Bounds"). The body limit bounds the blocks; these bound the code, which the body limit alone would
     * let grow to millions of one-character cells.
     */
    public static final int MAX_CODE_CELLS = 500;
    public static final int MAX_CODE_CHARS = 200_000;

    /**
     * The client's {@code __version__}: {@code 1.9.1}, {@code 1.10.dev}, {@code 2.0.0rc1}; digits and dots
     * first, then at most a few short letter-or-digit parts, at most {@value #MAX_VERSION_CHARS} characters
     * of ASCII. Anything else (free text, line breaks, kilobytes) was never sent by a client.
     */
    private static final Pattern IPB_VERSION = Pattern.compile("\\d{1,4}(?:\\.\\d{1,4}){1,3}(?:[.+_-]?[A-Za-z0-9]{1,16}){0,4}");
    static final int MAX_VERSION_CHARS = 40;
    /** {@code sys.version_info}'s release levels, the fourth of its five items. */
    private static final List<String> RELEASE_LEVELS = List.of("alpha", "beta", "candidate", "final");
    /** The largest number in a {@code sys.version_info} we take: Python 3.13.1 is {@code [3, 13, 1, "final", 0]}. */
    private static final int MAX_VERSION_NUMBER = 999;
    private static final String[] BLOCK_PARTS = { "red", "green", "blue", "size" };

    /** Values read whole (python_version, grid_data's other keys) and the NUL check. */
    private static final JsonMapper MAPPER = GridJson.MAPPER;

    private final int maxBodyBytes;

    public GridPostReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Reads a whole body; throws {@link Problem} (400 or 413) naming every problem. */
    public GridPost read(InputStream body) {
        Problems problems = new Problems();
        GridPost post;
        try (JsonParser p = GridJson.REQUESTS.createParser(new LimitedInputStream(body, maxBodyBytes))) {
            post = readPost(p, problems);
        } catch (BodyTooLargeException e) {
            throw tooLarge(maxBodyBytes, -1);
        } catch (JsonProcessingException e) {
            throw Problem.invalidBody("The body is not valid JSON", List.of(new Violation(pathOf(e), parseProblem(e))), 1);
        } catch (IOException e) {
            throw new Problem(400, "The body could not be read",
                    List.of(new Violation("(body)", "could not be read completely: " + e.getMessage())),
                    "Grid not stored: the body could not be read completely");
        }
        if (!problems.any()) {
            rejectNul(post, problems);
        }
        if (problems.any()) {
            throw Problem.invalidBody("The grid was not stored", problems.list(), problems.total);
        }
        return post;
    }

    /**
     * PostgreSQL's jsonb cannot hold the character U+0000 (sent as the JSON escape for code point 0, or as the overlong
     * UTF-8 bytes C0 80 that the parser decodes to it): such a post would fail in the database, so it
     * is refused here. Found by PostFuzzTest.
     */
    private static void rejectNul(GridPost post, Problems problems) {
        String nul = "contains the character \\u0000 (NUL), which cannot be stored";
        if (post.pythonVersion().stream().anyMatch(item -> item instanceof String text && text.indexOf('\0') >= 0)) {
            problems.add("python_version", nul);
        }
        if (post.ipbVersion().indexOf('\0') >= 0) {
            problems.add("ipb_version", nul);
        }
        if (post.codeCells() != null) {
            for (int i = 0; i < post.codeCells().size(); i++) {
                if (post.codeCells().get(i).indexOf('\0') >= 0) {
                    problems.add("code_cells[" + i + "]", nul);
                }
            }
        }
        post.gridData().extra().forEach((key, value) -> {
            if (key.indexOf('\0') >= 0 || hasNul(value)) {
                problems.add("grid_data." + key.replace("\0", "\\u0000"), nul);
            }
        });
    }

    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (var fields = node.fields(); fields.hasNext();) {
            var field = fields.next();
            if (field.getKey().indexOf('\0') >= 0 || hasNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasNul(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A body over the limit, of {@code posted} bytes as declared, or -1 when only reading found it too large. */
    public static Problem tooLarge(int maxBodyBytes, long posted) {
        String limit = ReasonPhrases.size(maxBodyBytes);
        String sent = posted < 0 || ReasonPhrases.size(posted).equals(limit) ? "over " + limit + " posted"
                : ReasonPhrases.size(posted) + " posted";
        return new Problem(413, "The body is too large", List.of(new Violation("(body)",
                "is larger than the limit of " + maxBodyBytes + " bytes (" + mib(maxBodyBytes)
                        + " MiB); a 640×480 ImageGrid is about 6.2 MiB")),
                "Grid too large: " + sent + (posted < 0 ? " (read up to the limit)" : "") + ", the limit is " + limit
                        + " (about a " + largestThatFits(maxBodyBytes) + ")");
    }

    /** More code than one post may carry ({@link #MAX_CODE_CELLS}, {@link #MAX_CODE_CHARS}): 413, naming the cap. */
    static Problem tooMuchCode(int cells, long chars) {
        String what = cells > MAX_CODE_CELLS
                ? String.format(java.util.Locale.ROOT, "%,d code cells posted, the limit is %,d", cells, MAX_CODE_CELLS)
                : String.format(java.util.Locale.ROOT, "%,d characters of code posted, the limit is %,d in all", chars, MAX_CODE_CHARS);
        return new Problem(413, "Too much code", List.of(new Violation("code_cells", "holds " + what.replace(" posted,", ";")
                + ": post fewer cells, e.g. post_to_web(code_cells='1:10')")), "Grid not stored: " + what);
    }

    /**
     * What the client's JSON of a block costs: {@code json.dumps} writes {@code [255, 255, 255, 1], }, 20
     * bytes, for an ImageGrid block (size 1) of three-digit colours; {@code [255, 255, 255, 20], }, 21, for a
     * BlockGrid's (size 20). The rows' brackets add less than a block per row.
     */
    static final int IMAGE_GRID_BLOCK_BYTES = 20;
    static final int BLOCK_GRID_BLOCK_BYTES = 21;
    /** Picture sizes people know, 4:3, smallest first. */
    private static final int[][] IMAGE_SIZES = { { 40, 30 }, { 80, 60 }, { 160, 120 }, { 320, 240 }, { 640, 480 }, { 800, 600 },
            { 1024, 768 }, { 1280, 960 }, { 1600, 1200 } };

    /** The largest well-known ImageGrid whose post fits in {@code limit} bytes, or a square BlockGrid when none does. */
    static String largestThatFits(long limit) {
        long blocks = limit / IMAGE_GRID_BLOCK_BYTES;
        String fits = null;
        for (int[] size : IMAGE_SIZES) {
            if ((long) size[0] * size[1] <= blocks) {
                fits = size[0] + "x" + size[1] + " ImageGrid";
            }
        }
        if (fits != null) {
            return fits;
        }
        long side = Math.max(1, (long) Math.sqrt((double) limit / BLOCK_GRID_BLOCK_BYTES));
        return side + "x" + side + " BlockGrid";
    }

    private static String mib(int bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    private GridPost readPost(JsonParser p, Problems problems) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            problems.add("(body)", "is empty: send the grid as a JSON object, as grid.post_to_web() does");
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            problems.add("(body)", "must be a JSON object like {\"grid_data\": …, …}, not " + describe(p));
            p.skipChildren();
            expectEnd(p, problems);
            return null;
        }
        List<Object> pythonVersion = null;
        String ipbVersion = null;
        String ipbClass = null;
        List<String> codeCells = null;
        Boolean secret = null;
        GridData gridData = null;
        boolean seenCodeCells = false;
        boolean seenGridData = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "python_version" -> pythonVersion = readPythonVersion(p, problems);
                case "ipb_version" -> ipbVersion = readIpbVersion(p, problems);
                case "ipb_class" -> ipbClass = readIpbClass(p, problems);
                case "code_cells" -> {
                    seenCodeCells = true;
                    codeCells = readCodeCells(p, problems);
                }
                case "secret" -> secret = readBoolean(p, problems, "secret");
                case "grid_data" -> {
                    seenGridData = true;
                    gridData = readGridData(p, problems);
                }
                default -> p.skipChildren(); // the schema allows extra top-level keys; we ignore them
            }
        }
        expectEnd(p, problems);
        requirePresent(problems, pythonVersion, "python_version", p, "a list of 5 items (sys.version_info)");
        requirePresent(problems, ipbVersion, "ipb_version", p, "the ipythonblocks version, e.g. \"1.9.1\"");
        requirePresent(problems, ipbClass, "ipb_class", p, "\"BlockGrid\" or \"ImageGrid\"");
        if (!seenCodeCells) {
            problems.add("code_cells", "is missing: send a list of code strings, or null for none");
        }
        requirePresent(problems, secret, "secret", p, "true or false");
        if (!seenGridData) {
            problems.add("grid_data", "is missing: send an object with width, height, lines_on and blocks");
        }
        if (problems.any()) {
            return null;
        }
        return new GridPost(pythonVersion, ipbVersion, ipbClass, codeCells, secret, gridData);
    }

    private static void requirePresent(Problems problems, Object value, String field, JsonParser p, String what) {
        if (value == null && !problems.mentions(field)) {
            problems.add(field, "is missing: send " + what);
        }
    }

    private static void expectEnd(JsonParser p, Problems problems) throws IOException {
        if (p.nextToken() != null) {
            problems.add("(body)", "has more data after the JSON object; send exactly one object");
        }
    }

    private static List<Object> readPythonVersion(JsonParser p, Problems problems) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add("python_version", "must be a list of 5 items like [3, 11, 2, \"final\", 0], not " + describe(p));
            p.skipChildren();
            return null;
        }
        JsonNode items = MAPPER.readTree(p);
        if (items.size() != 5) {
            problems.add("python_version", "must have exactly 5 items like [3, 11, 2, \"final\", 0], not " + items.size());
            return null;
        }
        for (int i = 0; i < 5; i++) {
            JsonNode item = items.get(i);
            boolean fits = i == 3 ? item.isTextual() && RELEASE_LEVELS.contains(item.textValue())
                    : item.isInt() && item.intValue() >= 0 && item.intValue() <= MAX_VERSION_NUMBER;
            if (!fits) {
                problems.add("python_version[" + i + "]", (i == 3 ? "must be the release level \"alpha\", \"beta\", \"candidate\" or \"final\""
                        : "must be a whole number from 0 to " + MAX_VERSION_NUMBER) + " as in sys.version_info, like [3, 11, 2, \"final\", 0], not "
                        + shown(item));
                return null;
            }
        }
        List<Object> version = new ArrayList<>(5);
        for (JsonNode item : items) {
            version.add(item.isTextual() ? item.textValue() : Integer.valueOf(item.intValue()));
        }
        return version;
    }

    private static String readIpbVersion(JsonParser p, Problems problems) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            problems.add("ipb_version", "must be a version string like \"1.9.1\", not " + describe(p));
            p.skipChildren();
            return null;
        }
        String version = p.getText();
        if (version.length() > MAX_VERSION_CHARS || !IPB_VERSION.matcher(version).matches()) {
            problems.add("ipb_version", "must be a version number like \"1.9.1\" or \"1.10.dev\" (digits and dots, then at most a few letters"
                    + " or digits, " + MAX_VERSION_CHARS + " characters in all), not " + (version.length() > MAX_VERSION_CHARS
                            ? "text of " + version.length() + " characters" : quote(version)));
            return null;
        }
        return version;
    }

    private static String readIpbClass(JsonParser p, Problems problems) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING
                && ("BlockGrid".equals(p.getText()) || "ImageGrid".equals(p.getText()))) {
            return p.getText();
        }
        problems.add("ipb_class", "must be \"BlockGrid\" or \"ImageGrid\", not " + describe(p));
        p.skipChildren();
        return null;
    }

    private static List<String> readCodeCells(JsonParser p, Problems problems) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            problems.add("code_cells", "must be a list of code strings or null, not " + describe(p));
            p.skipChildren();
            return null;
        }
        List<String> cells = new ArrayList<>();
        int i = 0;
        long chars = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                chars += p.getTextLength();
                if (i < MAX_CODE_CELLS && chars <= MAX_CODE_CHARS) {
                    cells.add(p.getText()); // past a cap only counted, never kept
                }
            } else {
                problems.add("code_cells[" + i + "]", "must be the text of a code cell (a string), not " + describe(p));
                p.skipChildren();
            }
            i++;
        }
        if (i == 0) {
            problems.add("code_cells", "must not be an empty list: send null (None) to post no code");
        }
        if (i > MAX_CODE_CELLS || chars > MAX_CODE_CHARS) {
            throw tooMuchCode(i, chars);
        }
        return cells;
    }

    private static Boolean readBoolean(JsonParser p, Problems problems, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        problems.add(field, "must be true or false, not " + describe(p));
        p.skipChildren();
        return null;
    }

    private static GridData readGridData(JsonParser p, Problems problems) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            problems.add("grid_data", "must be an object with width, height, lines_on and blocks, not " + describe(p));
            p.skipChildren();
            return null;
        }
        Integer width = null;
        Integer height = null;
        Boolean linesOn = null;
        GridData.Rows blocks = null;
        boolean seen[] = new boolean[4];
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "width" -> {
                    seen[0] = true;
                    width = readInt(p, problems, "grid_data.width", "the width", 1);
                }
                case "height" -> {
                    seen[1] = true;
                    height = readInt(p, problems, "grid_data.height", "the height", 1);
                }
                case "lines_on" -> {
                    seen[2] = true;
                    linesOn = readBoolean(p, problems, "grid_data.lines_on");
                }
                case "blocks" -> {
                    seen[3] = true;
                    blocks = readBlocks(p, problems);
                }
                default -> extra.put(name, MAPPER.readTree(p));
            }
        }
        String[] names = { "width", "height", "lines_on", "blocks" };
        String[] what = { "the number of columns", "the number of rows", "true or false",
                "a list of rows of [red, green, blue, size] blocks" };
        for (int i = 0; i < 4; i++) {
            if (!seen[i]) {
                problems.add("grid_data." + names[i], "is missing: send " + what[i]);
            }
        }
        if (width == null || height == null || linesOn == null || blocks == null) {
            return null;
        }
        int[][] rows = blocks.toArray();
        if (rows.length != height) {
            problems.add("grid_data.blocks", "has " + rows.length + " row" + (rows.length == 1 ? "" : "s")
                    + " but height is " + height + ": blocks must hold height rows of width blocks");
        }
        for (int r = 0; r < rows.length; r++) {
            int cols = rows[r].length / 4;
            if (cols != width && cols > 0) {
                problems.add("grid_data.blocks[" + r + "]", "has " + cols + " block" + (cols == 1 ? "" : "s")
                        + " but width is " + width + ": every row must hold width blocks");
            }
        }
        return new GridData(width, height, linesOn, rows, extra);
    }

    /**
     * The blocks, the bulk of every post (1,600 numbers in a 20×20 grid, 1.2 million in a 640×480 one):
     * a number in range is taken as the parser read it, and a path such as {@code grid_data.blocks[2][0][1]}
     * is spelled out only for a problem.
     */
    private static GridData.Rows readBlocks(JsonParser p, Problems problems) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add("grid_data.blocks", "must be a list of rows of [red, green, blue, size] blocks, not " + describe(p));
            p.skipChildren();
            return null;
        }
        GridData.Rows rows = new GridData.Rows();
        boolean valid = true;
        int r = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                problems.add(rowPath(r), "must be a row: a list of [red, green, blue, size] blocks, not " + describe(p));
                p.skipChildren();
                valid = false;
                r++;
                continue;
            }
            GridData.Rows.Row row = rows.newRow();
            int c = 0;
            int[] q = new int[4];
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    problems.add(blockPath(r, c), "must be a block [red, green, blue, size], not " + describe(p));
                    p.skipChildren();
                    row.add(0, 0, 0, 0);
                    valid = false;
                    c++;
                    continue;
                }
                q[0] = q[1] = q[2] = q[3] = 0;
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (n < 4) {
                        if (isInt(p, 0)) {
                            q[n] = p.getIntValue();
                        } else {
                            readInt(p, problems, blockPath(r, c) + "[" + n + "]", "the " + BLOCK_PARTS[n] + " value", 0); // reports why not
                            valid = false;
                        }
                    } else {
                        p.skipChildren();
                    }
                    n++;
                }
                if (n != 4) {
                    problems.add(blockPath(r, c), "must have exactly 4 numbers [red, green, blue, size], not " + n);
                    valid = false;
                }
                row.add(q[0], q[1], q[2], q[3]);
                c++;
            }
            if (c == 0) {
                problems.add(rowPath(r), "is an empty row: every row needs at least one block");
                valid = false;
            }
            row.finish();
            r++;
        }
        if (r == 0) {
            problems.add("grid_data.blocks", "is empty: a grid needs at least one row of blocks");
            valid = false;
        }
        return valid ? rows : null;
    }

    private static String rowPath(int r) {
        return "grid_data.blocks[" + r + "]";
    }

    private static String blockPath(int r, int c) {
        return rowPath(r) + "[" + c + "]";
    }

    /** Whether the current token is a whole number that fits an {@code int} and is at least {@code min}: what {@link #readInt} takes. */
    private static boolean isInt(JsonParser p, int min) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                && p.getIntValue() >= min;
    }

    /** The current token as an {@code int} of at least {@code min}, or null with the problem named at {@code path}. */
    private static Integer readInt(JsonParser p, Problems problems, String path, String what, int min) throws IOException {
        if (isInt(p, min)) {
            return p.getIntValue();
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            boolean fits = p.getNumberType() == JsonParser.NumberType.INT;
            boolean negative = p.getText().startsWith("-");
            if (negative || (fits && p.getIntValue() < min)) {
                problems.add(path, what + " must be " + (min == 0 ? "0 or more" : "at least " + min) + ", not " + p.getText());
            } else {
                problems.add(path, what + " is too large: at most " + Integer.MAX_VALUE + ", not " + abbreviate(p.getText()));
            }
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            problems.add(path, what + " must be a whole number, not " + abbreviate(p.getText()));
            return null;
        }
        problems.add(path, what + " must be a whole number, not " + describe(p));
        p.skipChildren();
        return null;
    }

    /** A short description of the value at the current token, for messages. */
    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> "the text " + quote(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** A value read whole, for messages: its JSON text, cut short. */
    private static String shown(JsonNode value) {
        return value.isTextual() ? quote(value.textValue()) : abbreviate(value.toString());
    }

    private static String quote(String text) {
        return "\"" + abbreviate(text) + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "…";
    }

    private static String parseProblem(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        if (original.startsWith("Duplicate field")) {
            return "appears more than once in the same object; each key may appear only once, "
                    + "or the grid would be ambiguous" + where;
        }
        if (e instanceof StreamConstraintsException) {
            return "is nested more than " + GridJson.MAX_NESTING + " levels deep or holds a number over " + GridJson.MAX_NUMBER_LENGTH + " digits long; "
                    + "the body is not read" + where;
        }
        if (original.contains("UTF-8") || original.contains("Invalid UTF")) {
            return "is not valid UTF-8 text" + where;
        }
        return "is not valid JSON: " + jsonProblem(original) + where;
    }

    /**
     * The parser's complaint in our words: its own ("enable {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}
     * to allow", "was expecting (JSON String, Number, …)") names its settings and types, which mean
     * nothing to a notebook user and must never reach a status line.
     */
    static String jsonProblem(String original) {
        java.util.regex.Matcher token = Pattern.compile("(?:Non-standard|Unrecognized) token '([^']{0,40})").matcher(original);
        String word = token.find() ? token.group(1) : null;
        if (original.contains("NON_NUMERIC") || "NaN".equals(word) || word != null && word.matches("[+-]?Infinity")) {
            return "NaN and Infinity are not numbers JSON can carry; send whole numbers";
        }
        if (word != null) {
            return "found " + quote(word) + ", which is not a JSON value (text needs double quotes; true, false and null are lower case)";
        }
        if (original.contains("end-of-input")) {
            return "it ends too early: a bracket, brace or quote is not closed";
        }
        if (original.contains("Illegal unquoted character") || original.contains("CTRL-CHAR")) {
            return "a control character such as a line break is inside a string unescaped (JSON writes it \\n)";
        }
        if (original.contains("close marker")) {
            return "a closing bracket or brace does not match the one that opened";
        }
        if (original.contains("umeric value") || original.contains("Leading zero") || original.contains("Leading plus")) {
            return "a number is written in a way JSON does not allow (such as 01, +1 or 1.)";
        }
        java.util.regex.Matcher character = Pattern.compile("Unexpected character \\('(.{1,2})' \\(code").matcher(original);
        if (character.find()) {
            return "the character " + quote(character.group(1)) + " is not expected here";
        }
        return "the text does not follow JSON's grammar";
    }

    /** The path of the value where parsing stopped, e.g. {@code grid_data.blocks[2][0]}. */
    private static String pathOf(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "(body)";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? "(body)" : path;
    }

    /** Collects problems, reporting the first {@value #MAX_REPORTED} and counting the rest. */
    private static final class Problems {
        private final List<Violation> reported = new ArrayList<>();
        int total;

        void add(String field, String message) {
            total++;
            if (reported.size() < MAX_REPORTED) {
                reported.add(new Violation(field, message));
            }
        }

        boolean any() {
            return total > 0;
        }

        boolean mentions(String field) {
            return reported.stream().anyMatch(v -> v.field().equals(field) || v.field().startsWith(field + "["));
        }

        List<Violation> list() {
            if (total <= reported.size()) {
                return reported;
            }
            List<Violation> all = new ArrayList<>(reported);
            all.add(new Violation("(more)", (total - reported.size()) + " more problems of the same kind are not listed"));
            return all;
        }
    }

    /** Thrown by {@link LimitedInputStream} once a body passes the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large", null);
        }
    }

    /** Counts bytes as the parser reads them and stops at the limit, so a huge body is never buffered whole here. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new BodyTooLargeException();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (count += n) > limit) {
                throw new BodyTooLargeException();
            }
            return n;
        }
    }
}
