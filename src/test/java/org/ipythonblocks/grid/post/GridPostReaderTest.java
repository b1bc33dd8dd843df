package org.ipythonblocks.grid.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.ipythonblocks.Problem.Violation;
import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The post reader on its own, no Quarkus: what it keeps of a good body, and how it names every problem of a bad one. */
class GridPostReaderTest {

    static final String GOOD = """
            {"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "BlockGrid",
             "code_cells": ["grid = BlockGrid(2, 1)", "grid"], "secret": false,
             "grid_data": {"lines_on": true, "width": 2, "height": 1, "blocks": [[[255, 0, 0, 20], [0, 128, 255, 20]]]}}""";

    static GridPost read(String body) {
        return new GridPostReader(1 << 20).read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Problem rejected(String body) {
        return catchThrowableOfType(Problem.class, () -> read(body));
    }

    /** Each violation as {@code field: message}. */
    static List<String> problems(String body) {
        return rejected(body).violations().stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.toList());
    }

    @Test
    void aGoodPostIsReadWholeIntoCompactRows() {
        GridPost post = read(GOOD);
        assertThat(post.pythonVersion()).containsExactly(3, 11, 2, "final", 0);
        assertThat(post.ipbVersion()).isEqualTo("1.9.1");
        assertThat(post.ipbClass()).isEqualTo("BlockGrid");
        assertThat(post.codeCells()).containsExactly("grid = BlockGrid(2, 1)", "grid");
        assertThat(post.secret()).isFalse();
        assertThat(post.gridData().width()).isEqualTo(2);
        assertThat(post.gridData().linesOn()).isTrue();
        assertThat(post.gridData().blocks()).hasDimensions(1, 8);
        assertThat(post.gridData().blocks()[0]).containsExactly(255, 0, 0, 20, 0, 128, 255, 20);
    }

    @Test
    void extraKeysInsideGridDataAreKeptAndExtraTopLevelKeysIgnored() {
        GridPost post = read(GOOD.replace("\"lines_on\": true", "\"lines_on\": true, \"note\": {\"by\": \"me\"}")
                .replace("\"secret\": false", "\"secret\": false, \"colour_mode\": \"rgb\""));
        assertThat(post.gridData().extra()).containsOnlyKeys("note");
        assertThat(post.gridData().extra().get("note").get("by").asText()).isEqualTo("me");
    }

    @Test
    void nullCodeCellsMeanNoCode() {
        assertThat(read(GOOD.replace("[\"grid = BlockGrid(2, 1)\", \"grid\"]", "null")).codeCells()).isNull();
    }

    @Test
    void aRejectedPostIsA400ThatStoresNothing() {
        Problem e = rejected(GOOD.replace("\"BlockGrid\"", "\"MyGrid\""));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("The grid was not stored");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            negative colour         | [[[255, -1, 0, 20], [0, 128, 255, 20]]]  | grid_data.blocks[0][0][1]: the green value must be 0 or more, not -1
            float size              | [[[255, 0, 0, 20], [0, 128, 255, 2.5]]]  | grid_data.blocks[0][1][3]: the size value must be a whole number, not 2.5
            string colour           | [[["255", 0, 0, 20], [0, 128, 255, 20]]] | grid_data.blocks[0][0][0]: the red value must be a whole number, not the text "255"
            colour past 32 bits     | [[[255, 0, 4294967296, 20], [0, 128, 255, 20]]] | grid_data.blocks[0][0][2]: the blue value is too large: at most 2147483647, not 4294967296
            block of three          | [[[255, 0, 0], [0, 128, 255, 20]]]       | grid_data.blocks[0][0]: must have exactly 4 numbers [red, green, blue, size], not 3
            block not a list        | [[7, [0, 128, 255, 20]]]                 | grid_data.blocks[0][0]: must be a block [red, green, blue, size], not the number 7
            row not a list          | [null]                                   | grid_data.blocks[0]: must be a row: a list of [red, green, blue, size] blocks, not null
            empty row               | [[]]                                     | grid_data.blocks[0]: is an empty row: every row needs at least one block
            no rows                 | []                                       | grid_data.blocks: is empty: a grid needs at least one row of blocks
            fewer blocks than width | [[[255, 0, 0, 20]]]                      | grid_data.blocks[0]: has 1 block but width is 2: every row must hold width blocks
            """)
    void everyBlockProblemIsNamedByItsJsonPath(String rule, String blocks, String problem) {
        assertThat(problems(GOOD.replace("[[[255, 0, 0, 20], [0, 128, 255, 20]]]", blocks))).contains(problem);
    }

    @Test
    void colourAboveTheByteRangeAndSizeZeroAreAcceptedAsTheOriginalDid() {
        assertThat(read(GOOD.replace("[255, 0, 0, 20]", "[300, 0, 0, 0]")).gridData().blocks()[0]).startsWith(300, 0, 0, 0);
    }

    @Test
    void everyProblemOfABodyIsListedAtOnce() {
        String body = GOOD.replace("\"1.9.1\"", "\"abc\"").replace("\"secret\": false", "\"secret\": 1")
                .replace("\"width\": 2", "\"width\": 0");
        assertThat(problems(body)).containsExactly(
                "ipb_version: must be a version number like \"1.9.1\" or \"1.10.dev\" (digits and dots, then at most a few letters or digits,"
                        + " 40 characters in all), not \"abc\"",
                "secret: must be true or false, not the number 1",
                "grid_data.width: the width must be at least 1, not 0");
    }

    /** What real clients send ({@code __version__}, {@code tuple(sys.version_info)}) is taken; nothing of another shape. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "1.9.1|[3, 11, 2, \"final\", 0]", "1.10.dev|[3, 12, 0, \"candidate\", 1]",
            "1.6.0|[2, 7, 6, \"final\", 0]", "2.0.0rc1|[3, 13, 0, \"alpha\", 2]", "1.9.1.post1+local|[3, 9, 18, \"beta\", 0]" })
    void theVersionsRealClientsSendAreTaken(String ipbVersion, String pythonVersion) {
        GridPost post = read(GOOD.replace("\"1.9.1\"", "\"" + ipbVersion + "\"").replace("[3, 11, 2, \"final\", 0]", pythonVersion));
        assertThat(post.ipbVersion()).isEqualTo(ipbVersion);
    }

    @Test
    void codeBeyondTheCapsIsCountedNotKept() {
        String cells = "[" + String.join(", ", java.util.Collections.nCopies(GridPostReader.MAX_CODE_CELLS, "\"x\"")) + "]";
        assertThat(read(GOOD.replace("[\"grid = BlockGrid(2, 1)\", \"grid\"]", cells)).codeCells()).hasSize(GridPostReader.MAX_CODE_CELLS);
        Problem tooMany = rejected(GOOD.replace("[\"grid = BlockGrid(2, 1)\", \"grid\"]", cells.replace("]", ", \"y\"]")));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.reasonPhrase().orElseThrow()).isEqualTo("Grid not stored: 501 code cells posted, the limit is 500");
        String exactly = "\"" + "x".repeat(GridPostReader.MAX_CODE_CHARS) + "\"";
        assertThat(read(GOOD.replace("[\"grid = BlockGrid(2, 1)\", \"grid\"]", "[" + exactly + "]")).codeCells()).hasSize(1);
        Problem tooLong = rejected(GOOD.replace("[\"grid = BlockGrid(2, 1)\", \"grid\"]", "[" + exactly + ", \"y\"]"));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.reasonPhrase().orElseThrow()).isEqualTo("Grid not stored: 200,001 characters of code posted, the limit is 200,000 in all");
        assertThat(tooLong.violations()).extracting(Violation::field).containsExactly("code_cells");
    }

    @Test
    void missingFieldsSayWhatToSend() {
        assertThat(problems("{}")).contains(
                "python_version: is missing: send a list of 5 items (sys.version_info)",
                "code_cells: is missing: send a list of code strings, or null for none",
                "grid_data: is missing: send an object with width, height, lines_on and blocks");
    }

    @Test
    void problemsPastTheLimitAreCounted() {
        String rows = "[" + String.join(", ", java.util.Collections.nCopies(30, "[[1.5, 2, 3, 4]]")) + "]";
        List<Violation> violations = rejected(GOOD.replace("\"height\": 1", "\"height\": 30").replace("\"width\": 2", "\"width\": 1")
                .replace("[[[255, 0, 0, 20], [0, 128, 255, 20]]]", rows)).violations();
        assertThat(violations).hasSize(GridPostReader.MAX_REPORTED + 1);
        assertThat(violations.get(GridPostReader.MAX_REPORTED)).isEqualTo(new Violation("(more)", "10 more problems of the same kind are not listed"));
    }

    @Test
    void brokenJsonIsNamedWhereParsingStopped() {
        assertThat(problems("{\"python_version\": [3, 11")).singleElement().asString()
                .startsWith("python_version[1]: is not valid JSON");
        assertThat(problems(GOOD.replace("\"width\": 2", "\"width\": 2, \"width\": 3"))).singleElement().asString()
                .startsWith("grid_data.width: appears more than once in the same object");
        assertThat(problems("[1, 2]")).containsExactly("(body): must be a JSON object like {\"grid_data\": …, …}, not a list");
        assertThat(problems("")).containsExactly("(body): is empty: send the grid as a JSON object, as grid.post_to_web() does");
        assertThat(problems(GOOD + " {}")).containsExactly("(body): has more data after the JSON object; send exactly one object");
    }

    @Test
    void hostileNestingAndNumbersAreRefusedBeforeTheyCostAnything() {
        String deep = GOOD.replace("[3, 11, 2, \"final\", 0]", "[" + "[".repeat(100) + "]".repeat(100) + ", 1, 2, 3, 4]");
        assertThat(problems(deep)).singleElement().asString().startsWith("(body): is nested more than 64 levels deep");
        String longNumber = GOOD.replace("\"width\": 2", "\"width\": " + "9".repeat(150));
        assertThat(problems(longNumber)).singleElement().asString().contains("holds a number over 100 digits long");
    }

    @Test
    void nulCannotBeStoredAndIsRefusedWhereItIs() {
        assertThat(problems(GOOD.replace("\"grid\"]", "\"gr\\u0000id\"]")))
                .containsExactly("code_cells[1]: contains the character \\u0000 (NUL), which cannot be stored");
        assertThat(problems(GOOD.replace("\"lines_on\": true", "\"lines_on\": true, \"n\\u0000te\": 1")))
                .containsExactly("grid_data.n\\u0000te: contains the character \\u0000 (NUL), which cannot be stored");
    }

    @Test
    void aBodyOverTheLimitIs413WhileItIsBeingRead() {
        Problem e = catchThrowableOfType(Problem.class, () -> new GridPostReader(100)
                .read(new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8))));
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("(body)");
            assertThat(v.message()).startsWith("is larger than the limit of 100 bytes");
        });
    }
}
