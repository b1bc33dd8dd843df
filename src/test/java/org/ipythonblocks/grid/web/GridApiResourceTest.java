package org.ipythonblocks.grid.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.PythonJson.RawJson;
import org.ipythonblocks.PythonJson;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.PublicGrid;
import org.ipythonblocks.grid.post.GridPostReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GridApiResourceTest extends NotebookSiteTest {

    static final String BASE = "http://www.ipythonblocks.org/";

    static Stream<Arguments> clientPosts() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = { { 1, 1 }, { 3, 37 }, { 100, 100 } };
        for (String cls : List.of("BlockGrid", "ImageGrid")) {
            for (boolean secret : List.of(false, true)) {
                for (boolean cells : List.of(false, true)) {
                    for (int[] size : sizes) {
                        cases.add(Arguments.of(cls, size[0], size[1], secret, cells));
                    }
                }
            }
        }
        cases.add(Arguments.of("ImageGrid", 640, 480, false, false));
        cases.add(Arguments.of("BlockGrid", 640, 480, true, true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} secret={3} code cells={4}")
    @MethodSource("clientPosts")
    void theClientPostsAndLoadsBack(String ipbClass, int width, int height, boolean secret, boolean withCells) {
        List<String> cells = withCells
                ? List.of("from ipythonblocks import BlockGrid", "grid = BlockGrid(3, 3)  # café ☕ 𝄞 \"q\" \\ <b>")
                : null;
        Map<String, Object> payload = TestGrids.payload(ipbClass, width, height, secret, cells);
        String url = client.postToWeb(PythonJson.dumps(payload));

        assertThat(url).startsWith(secret ? BASE + "secret/" : BASE);
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(id).matches("\\w{6}\\w*");
        JsonNode back = client.fromWeb(id, secret);
        assertThat(back.get("width").asInt()).isEqualTo(width);
        assertThat(back.get("height").asInt()).isEqualTo(height);
        assertThat(back.get("lines_on").asBoolean()).isTrue();
        @SuppressWarnings("unchecked")
        JsonNode posted = NotebookClient.read(PythonJson.dumps(((Map<String, Object>) payload.get("grid_data")).get("blocks")));
        assertThat(back.get("blocks")).isEqualTo(posted);
        assertThat(testGrids.count(secret ? "secret_grids" : "public_grids")).isEqualTo(1);
        assertThat(testGrids.count(secret ? "public_grids" : "secret_grids")).isZero();
    }

    @Test
    void storedCodeCellsKeepNonAsciiText() {
        String url = client.postToWeb(TestGrids.body("BlockGrid", 2, 2, false, List.of("print('héllo ☕ 𝄞')")));
        assertThat(url).isEqualTo(BASE + "bizkiL");
        Grid grid = PublicGrid.<PublicGrid>findByIdOptional(1L).orElseThrow();
        assertThat(grid.codeCells).containsExactly("print('héllo ☕ 𝄞')");
        assertThat(grid.pythonVersion).containsExactly(3, 11, 2, "final", 0);
        assertThat(grid.ipbClass).isEqualTo("BlockGrid");
        assertThat(grid.ipbVersion).isEqualTo("1.9.1");
        assertThat(grid.createdAt).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "text/plain; charset=utf-8", "application/json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/octet-stream" })
    void theBodyIsJsonWhateverTheContentTypeSays(String contentType) {
        HttpResponse<String> response = client.post(TestGrids.body("BlockGrid", 2, 1, false, null), contentType);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(NotebookClient.read(response.body()).get("url").asText()).isEqualTo(BASE + "bizkiL");
    }

    @Test
    void publicIdsFollowTheLegacyHashidsOfTheRowIds() {
        assertThat(client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null))).isEqualTo(BASE + "bizkiL");
        assertThat(client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null))).isEqualTo(BASE + "oTAnTn");
        assertThat(client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null))).isEqualTo(BASE + "jcLacK");
    }

    @Test
    void newSecretGridsGetUnguessableIdsAndLegacySecretIdsKeepWorking() {
        testGrids.insertLegacySecretGrid(1);
        String url = client.postToWeb(TestGrids.body("BlockGrid", 1, 1, true, null));
        String token = url.substring((BASE + "secret/").length());
        assertThat(token).matches("[0-9A-Za-z]{20}");

        assertThat(client.fromWeb(token, true).get("width").asInt()).isEqualTo(1);
        assertThat(client.fromWeb("MiXoi4", true).get("width").asInt()).isEqualTo(4);
        // The new grid is row 2, but its legacy hash id must not find it: that would make it enumerable.
        assertThat(client.get("/get/secret/yTLkT9").statusCode()).isEqualTo(404);
        // Public and secret are separate spaces.
        assertThat(client.get("/get/" + token).statusCode()).isEqualTo(404);
        assertThat(client.get("/get/MiXoi4").statusCode()).isEqualTo(404);
    }

    @Test
    void secretTokensAreDistinct() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(client.postToWeb(TestGrids.body("BlockGrid", 1, 1, true, null)));
        }
        assertThat(tokens).hasSize(20);
    }

    @ParameterizedTest
    @ValueSource(strings = { "bizkiLx", "secret", "MiXoi4", "zzzzzzzzzzzzzzzzzzzz", "asdfgh", "oTAnTn", "abcdefghijklmnopqrst" })
    void nonCanonicalOrUnknownIdsAre404WithJson(String id) {
        client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null)); // public row 1: bizkiL
        for (int i = 0; i < 15; i++) {
            client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null)); // rows up to 16, so MiXoi4 -> 15 would exist
        }
        HttpResponse<String> response = client.get("/get/" + id);
        if (id.equals("oTAnTn")) {
            assertThat(response.statusCode()).isEqualTo(200); // a control: row 2 exists
            return;
        }
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(NotebookClient.read(response.body()).get("status").asInt()).isEqualTo(404);
        assertThat(client.get("/get/secret/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void idsShorterThanSixCharactersNeverReachTheApi() {
        client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null));
        assertThat(client.get("/get/bizki").statusCode()).isEqualTo(404);
        assertThat(client.get("/get/bizkiL").statusCode()).isEqualTo(200);
    }

    @Test
    void extraKeysInsideGridDataComeBackAndExtraTopLevelKeysAreIgnored() {
        Map<String, Object> payload = TestGrids.payload("BlockGrid", 2, 1, false, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> gridData = (Map<String, Object>) payload.get("grid_data");
        gridData.put("note", Map.of("author", "Zoë", "tags", List.of(1, "two")));
        payload.put("favourite_colour", "teal");
        String url = client.postToWeb(PythonJson.dumps(payload));
        JsonNode back = client.fromWeb(url.substring(BASE.length()), false);
        assertThat(back.get("note").get("author").asText()).isEqualTo("Zoë");
        assertThat(back.get("note").get("tags").get(1).asText()).isEqualTo("two");
        assertThat(back.has("favourite_colour")).isFalse();
    }

    @Test
    void getAnswersTheStoredJsonAsPostgresRendersIt() {
        client.postToWeb(PythonJson.dumps(Map.of(
                "python_version", List.of(3, 6, 1, "final", 0), "ipb_version", "1.7.1", "ipb_class", "BlockGrid",
                "secret", false, "code_cells", new RawJson("null"),
                "grid_data", new RawJson("{\"lines_on\": true, \"width\": 1, \"height\": 1, \"blocks\": [[[12, 34, 56, 20]]]}"))));
        HttpResponse<String> response = client.get("/get/bizkiL");
        assertThat(response.body())
                .isEqualTo("{\"width\": 1, \"blocks\": [[[12, 34, 56, 20]]], \"height\": 1, \"lines_on\": true}");
    }

    @Test
    void onlyGetIsRoutedForGridDataAndOnlyPostForPost() {
        assertThat(client.get("/post").statusCode()).isEqualTo(405);
    }

    /** One rule of the original schema (§1.2) or one fix (§6.2): a body, its status and what the answer names. */
    record Rule(String name, String body, int status, String field, String words) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String with(Consumer<Map<String, Object>> change) {
        Map<String, Object> payload = TestGrids.payload("BlockGrid", 2, 2, false, null);
        change.accept(payload);
        return PythonJson.dumps(payload);
    }

    @SuppressWarnings("unchecked")
    static String withGrid(Consumer<Map<String, Object>> change) {
        return with(p -> change.accept((Map<String, Object>) p.get("grid_data")));
    }

    @SuppressWarnings("unchecked")
    static String withBlock(int row, int col, Object block) {
        return withGrid(g -> {
            List<List<Object>> rows = new ArrayList<>();
            for (List<int[]> r : (List<List<int[]>>) g.get("blocks")) {
                rows.add(new ArrayList<>(r));
            }
            rows.get(row).set(col, block);
            g.put("blocks", rows);
        });
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule("not JSON", "{\"python_version\": [3, 11", 400, "python_version[1]", "not valid JSON"),
                new Rule("empty body", "", 400, "(body)", "empty"),
                new Rule("not an object", "[1, 2, 3]", 400, "(body)", "must be a JSON object"),
                new Rule("trailing data", TestGrids.body("BlockGrid", 1, 1, false, null) + " {}", 400, "(body)", "more data"),
                new Rule("python_version missing", with(p -> p.remove("python_version")), 400, "python_version", "is missing"),
                new Rule("python_version 4 items", with(p -> p.put("python_version", List.of(3, 11, 2, "final"))), 400, "python_version", "exactly 5 items"),
                new Rule("python_version not a list", with(p -> p.put("python_version", "3.11.2")), 400, "python_version", "list of 5 items"),
                new Rule("ipb_version missing", with(p -> p.remove("ipb_version")), 400, "ipb_version", "is missing"),
                new Rule("ipb_version no digits", with(p -> p.put("ipb_version", "abc")), 400, "ipb_version", "version number"),
                new Rule("ipb_version a number", with(p -> p.put("ipb_version", 1.9)), 400, "ipb_version", "version string"),
                new Rule("python_version any strings", with(p -> p.put("python_version", List.of("a", "b", "c", "d", "e"))), 400,
                        "python_version[0]", "whole number from 0 to 999"),
                new Rule("python_version a 40-digit number", with(p -> p.put("python_version",
                        List.of(new RawJson("1234567890123456789012345678901234567890"), 11, 2, "final", 0))), 400, "python_version[0]", "whole number"),
                new Rule("python_version an unknown release level", with(p -> p.put("python_version", List.of(3, 11, 2, "nightly", 0))), 400,
                        "python_version[3]", "release level"),
                new Rule("ipb_version free text", with(p -> p.put("ipb_version", "version 1.9.1 of course")), 400, "ipb_version", "version number"),
                new Rule("ipb_version with CR/LF", with(p -> p.put("ipb_version", "1.9.1\r\nX-Injected: yes")), 400, "ipb_version", "version number"),
                new Rule("ipb_version of 100 KB", with(p -> p.put("ipb_version", "1.9." + "1".repeat(100_000))), 400, "ipb_version",
                        "text of 100004 characters"),
                new Rule("too many code cells", with(p -> p.put("code_cells", Collections.nCopies(GridPostReader.MAX_CODE_CELLS + 1, "x"))), 413,
                        "code_cells", "501 code cells; the limit is 500"),
                new Rule("too much code", with(p -> p.put("code_cells", List.of("#".repeat(150_000), "#".repeat(50_001)))), 413,
                        "code_cells", "200,001 characters of code; the limit is 200,000 in all"),
                new Rule("a NaN", with(p -> p.put("python_version", List.of(3, new RawJson("NaN"), 2, "final", 0))), 400,
                        "python_version[1]", "NaN and Infinity are not numbers JSON can carry"),
                new Rule("a bare word", with(p -> p.put("secret", new RawJson("False"))), 400, "secret", "not a JSON value"),
                new Rule("ipb_class missing", with(p -> p.remove("ipb_class")), 400, "ipb_class", "is missing"),
                new Rule("ipb_class a subclass", with(p -> p.put("ipb_class", "MyGrid")), 400, "ipb_class", "\"BlockGrid\" or \"ImageGrid\""),
                new Rule("code_cells missing", with(p -> p.remove("code_cells")), 400, "code_cells", "is missing"),
                new Rule("code_cells empty list", with(p -> p.put("code_cells", List.of())), 400, "code_cells", "empty list"),
                new Rule("code_cells a string", with(p -> p.put("code_cells", "print(1)")), 400, "code_cells", "list of code strings"),
                new Rule("code cell not a string", with(p -> p.put("code_cells", List.of("a = 1", 2))), 400, "code_cells[1]", "a string"),
                new Rule("secret missing", with(p -> p.remove("secret")), 400, "secret", "is missing"),
                new Rule("secret not a boolean", with(p -> p.put("secret", 1)), 400, "secret", "true or false"),
                new Rule("grid_data missing", with(p -> p.remove("grid_data")), 400, "grid_data", "is missing"),
                new Rule("grid_data not an object", with(p -> p.put("grid_data", List.of())), 400, "grid_data", "must be an object"),
                new Rule("lines_on 1", withGrid(g -> g.put("lines_on", 1)), 400, "grid_data.lines_on", "true or false"),
                new Rule("lines_on missing", withGrid(g -> g.remove("lines_on")), 400, "grid_data.lines_on", "is missing"),
                new Rule("width 0", withGrid(g -> g.put("width", 0)), 400, "grid_data.width", "at least 1"),
                new Rule("width 2.0", withGrid(g -> g.put("width", new RawJson("2.0"))), 400, "grid_data.width", "whole number"),
                new Rule("width a string", withGrid(g -> g.put("width", "2")), 400, "grid_data.width", "whole number"),
                new Rule("width true", withGrid(g -> g.put("width", true)), 400, "grid_data.width", "whole number"),
                new Rule("height missing", withGrid(g -> g.remove("height")), 400, "grid_data.height", "is missing"),
                new Rule("height -1", withGrid(g -> g.put("height", -1)), 400, "grid_data.height", "at least 1"),
                new Rule("blocks missing", withGrid(g -> g.remove("blocks")), 400, "grid_data.blocks", "is missing"),
                new Rule("blocks empty", withGrid(g -> g.put("blocks", List.of())), 400, "grid_data.blocks", "is empty"),
                new Rule("a row empty", withGrid(g -> g.put("blocks", List.of(List.of(), List.of()))), 400, "grid_data.blocks[0]", "empty row"),
                new Rule("block of 3", withBlock(1, 0, new int[] { 1, 2, 3 }), 400, "grid_data.blocks[1][0]", "exactly 4 numbers"),
                new Rule("block of 5", withBlock(0, 1, new int[] { 1, 2, 3, 4, 5 }), 400, "grid_data.blocks[0][1]", "exactly 4 numbers"),
                new Rule("negative colour", withBlock(1, 1, new int[] { 1, -2, 3, 20 }), 400, "grid_data.blocks[1][1][1]", "green value must be 0 or more"),
                new Rule("float size", withBlock(0, 0, new RawJson("[1, 2, 3, 20.0]")), 400, "grid_data.blocks[0][0][3]", "size value must be a whole number"),
                new Rule("string colour", withBlock(0, 0, new RawJson("[\"1\", 2, 3, 20]")), 400, "grid_data.blocks[0][0][0]", "red value must be a whole number"),
                new Rule("huge colour", withBlock(0, 0, new RawJson("[1, 2, 99999999999999999999, 20]")), 400, "grid_data.blocks[0][0][2]", "too large"),
                new Rule("block not a list", withBlock(0, 0, 7), 400, "grid_data.blocks[0][0]", "must be a block"),
                new Rule("fewer rows than height", withGrid(g -> g.put("height", 3)), 400, "grid_data.blocks", "has 2 rows but height is 3"),
                new Rule("more blocks than width", withGrid(g -> g.put("width", 1)), 400, "grid_data.blocks[0]", "has 2 blocks but width is 1"),
                new Rule("duplicate top-level key", "{\"secret\": false, " + TestGrids.body("BlockGrid", 1, 1, false, null).substring(1),
                        400, "secret", "more than once"),
                new Rule("duplicate nested key", TestGrids.body("BlockGrid", 1, 1, false, null)
                        .replace("\"width\": 1", "\"width\": 1, \"width\": 2"), 400, "grid_data.width", "more than once"),
                new Rule("nested too deep", with(p -> p.put("python_version", new RawJson("[" + "[".repeat(200) + "]".repeat(200) + ", 1, 2, 3, 4]"))),
                        400, "(body)", "nested more than"),
                new Rule("invalid UTF-8", "\u0000INVALID-UTF8", 400, "code_cells[0]", "not valid UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rejectedPostsNameTheProblemAndStoreNothing(Rule rule) {
        HttpResponse<String> response = rule.body().startsWith("\u0000INVALID-UTF8")
                ? client.post(invalidUtf8Body())
                : client.post(rule.body(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(rule.status());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode answer = NotebookClient.read(response.body());
        assertThat(answer.get("status").asInt()).isEqualTo(rule.status());
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        answer.get("violations").forEach(v -> {
            fields.add(v.get("field").asText());
            messages.add(v.get("field").asText() + ": " + v.get("message").asText());
        });
        assertThat(fields).as(response.body()).contains(rule.field());
        assertThat(messages).as(response.body()).anySatisfy(m -> assertThat(m).startsWith(rule.field() + ":").contains(rule.words()));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(testGrids.count("public_grids") + testGrids.count("secret_grids")).isZero();
    }

    static byte[] invalidUtf8Body() {
        byte[] valid = TestGrids.body("BlockGrid", 1, 1, false, List.of("XX")).getBytes(StandardCharsets.US_ASCII);
        String text = new String(valid, StandardCharsets.US_ASCII);
        int at = text.indexOf("XX");
        valid[at] = (byte) 0xC3; // a lead byte followed by 'X' is not UTF-8
        return valid;
    }

    @Test
    void manyProblemsAreListedUpToALimit() {
        HttpResponse<String> response = client.post(withGrid(g -> {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                rows.add(new ArrayList<>(Collections.nCopies(10, new RawJson("[1.5, 2, 3, 4]"))));
            }
            g.put("width", 10);
            g.put("height", 10);
            g.put("blocks", rows);
        }), null);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode violations = NotebookClient.read(response.body()).get("violations");
        assertThat(violations.size()).isEqualTo(GridPostReader.MAX_REPORTED + 1);
        assertThat(violations.get(GridPostReader.MAX_REPORTED).get("message").asText()).startsWith("80 more problems");
    }

    @Test
    void aBodyOverTheLimitIs413AndNamesTheLimit() {
        String big = TestGrids.body("ImageGrid", 800, 600, false, null);
        assertThat(big.length()).isGreaterThan(8 * 1024 * 1024);
        HttpResponse<String> response = client.post(big, null);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("8388608 bytes");
        assertThat(testGrids.count("public_grids")).isZero();
    }

    static final int MIB = 1024 * 1024;

    /**
     * Whatever its size, a body over the limit gets our JSON 413 naming the limit: declared
     * (Content-Length) or not (chunked), and sent as the notebook client sends it, the whole body
     * first and only then reading the answer. Above 10 MiB, Quarkus' own check used to answer an empty 413.
     */
    @ParameterizedTest
    @ValueSource(ints = { 8 * MIB + 1, 12 * MIB, 40 * MIB })
    void everyBodyOverTheLimitGetsTheJson413WhateverItsSize(int size) throws Exception {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> declared = client.post(body);
        assertJson413(declared.statusCode(), declared.headers().firstValue("Content-Type").orElse(""), declared.body());
        HttpResponse<String> chunked = client.postChunked(body);
        assertJson413(chunked.statusCode(), chunked.headers().firstValue("Content-Type").orElse(""), chunked.body());
        String raw = sendAllThenRead(body);
        assertThat(raw).startsWith("HTTP/1.1 413 ");
        assertJson413(413, raw.replaceAll("(?is).*\r\ncontent-type: *([^\r]*)\r\n.*", "$1"), raw.substring(raw.indexOf("\r\n\r\n") + 4));
        assertThat(testGrids.count("public_grids")).isZero();
    }

    static void assertJson413(int status, String contentType, String body) {
        assertThat(status).as(body).isEqualTo(413);
        assertThat(contentType).startsWith("application/json");
        JsonNode answer = NotebookClient.read(body);
        assertThat(answer.get("status").asInt()).isEqualTo(413);
        assertThat(answer.get("violations").get(0).get("message").asText()).contains("limit of 8388608 bytes");
    }

    /** As {@code requests.post(url, data=body)} does it: headers and the whole body, then the answer. */
    String sendAllThenRead(byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /post HTTP/1.1\r\nHost: www.ipythonblocks.org\r\nUser-Agent: python-requests/2.31.0\r\n"
                    + "Accept: */*\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (!answer.toString(StandardCharsets.UTF_8).endsWith("}") && (n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWhileReading() {
        byte[] big = TestGrids.body("ImageGrid", 800, 600, false, null).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = client.postChunked(big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("8388608 bytes");
        assertThat(testGrids.count("public_grids")).isZero();
        // and a chunked body within the limit is stored as usual
        HttpResponse<String> small = client.postChunked(TestGrids.body("BlockGrid", 3, 3, false, null).getBytes(StandardCharsets.US_ASCII));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
    }

    @Test
    void colourAboveTheByteRangeAndSizeZeroAreAcceptedAsTheOriginalDid() {
        String url = client.postToWeb(withBlock(0, 0, new int[] { 300, 0, 0, 0 }));
        assertThat(client.fromWeb(url.substring(BASE.length()), false).get("blocks").get(0).get(0).toString())
                .isEqualTo("[300,0,0,0]");
    }

    @Test
    void fiveHundredConcurrentPostsGetDistinctReadableIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                boolean secret = i % 5 == 0;
                int width = 1 + i % 7;
                futures.add(pool.submit(() -> client.postToWeb(TestGrids.body("BlockGrid", width, 2, secret, null))));
            }
            Map<String, Integer> widths = new LinkedHashMap<>();
            for (int i = 0; i < futures.size(); i++) {
                widths.put(futures.get(i).get(), 1 + i % 7);
            }
            assertThat(widths).hasSize(500);
            for (Map.Entry<String, Integer> e : widths.entrySet()) {
                boolean secret = e.getKey().startsWith(BASE + "secret/");
                String id = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
                assertThat(client.fromWeb(id, secret).get("width").asInt()).isEqualTo(e.getValue());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
