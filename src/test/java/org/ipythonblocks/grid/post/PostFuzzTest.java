package org.ipythonblocks.grid.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.PythonJson;
import org.ipythonblocks.PythonJson.RawJson;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Fuzzing {@code POST /post} with a fixed seed: thousands of broken, mutated and hostile bodies
 * never cause a 5xx and never store a row; random valid grids always come back as posted.
 */
@QuarkusTest
class PostFuzzTest extends NotebookSiteTest {

    static final long SEED = 20_261_124L;
    static final int BODIES = 4000;
    static final int VALID_GRIDS = 300;

    /** A kind of bad input and how to make one from a random source. */
    interface Mutator {
        byte[] make(Random random, byte[] valid);
    }

    static final Map<String, Mutator> MUTATORS = new TreeMap<>();

    static {
        MUTATORS.put("flip bytes", (r, v) -> {
            byte[] b = v.clone();
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            return b;
        });
        MUTATORS.put("truncate", (r, v) -> Arrays.copyOf(v, r.nextInt(v.length)));
        MUTATORS.put("delete a range", (r, v) -> {
            int from = r.nextInt(v.length);
            int to = Math.min(v.length, from + 1 + r.nextInt(20));
            byte[] b = new byte[v.length - (to - from)];
            System.arraycopy(v, 0, b, 0, from);
            System.arraycopy(v, to, b, from, v.length - to);
            return b;
        });
        MUTATORS.put("insert random bytes", (r, v) -> {
            int at = r.nextInt(v.length);
            byte[] junk = new byte[1 + r.nextInt(16)];
            r.nextBytes(junk);
            return concat(Arrays.copyOf(v, at), junk, Arrays.copyOfRange(v, at, v.length));
        });
        MUTATORS.put("random bytes", (r, v) -> {
            byte[] b = new byte[r.nextInt(2000)];
            r.nextBytes(b);
            return b;
        });
        MUTATORS.put("invalid UTF-8 in a string", (r, v) -> {
            String s = new String(v, StandardCharsets.US_ASCII);
            int at = s.indexOf("print") + 2;
            byte[][] bad = { { (byte) 0xC3, 0x28 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
                    { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xFF }, { (byte) 0xE2, (byte) 0x82 }, { (byte) 0xC0, (byte) 0x80 } };
            return concat(Arrays.copyOf(v, at), bad[r.nextInt(bad.length)], Arrays.copyOfRange(v, at, v.length));
        });
        MUTATORS.put("wrong type for a field", (r, v) -> {
            Map<String, Object> body = payload(r);
            List<String> keys = new ArrayList<>(body.keySet());
            keys.addAll(List.of("grid_data.width", "grid_data.height", "grid_data.lines_on", "grid_data.blocks",
                    "grid_data.blocks[0]", "grid_data.blocks[0][0]"));
            String key = keys.get(r.nextInt(keys.size()));
            Object value = hostileValue(r);
            @SuppressWarnings("unchecked")
            Map<String, Object> grid = (Map<String, Object>) body.get("grid_data");
            switch (key) {
                case "grid_data.width", "grid_data.height", "grid_data.lines_on", "grid_data.blocks" -> grid.put(key.substring(10), value);
                case "grid_data.blocks[0]" -> grid.put("blocks", List.of(value));
                case "grid_data.blocks[0][0]" -> grid.put("blocks", List.of(List.of(value)));
                default -> body.put(key, value);
            }
            return PythonJson.dumps(body).getBytes(StandardCharsets.US_ASCII);
        });
        MUTATORS.put("missing field", (r, v) -> {
            Map<String, Object> body = payload(r);
            List<String> keys = new ArrayList<>(body.keySet());
            body.remove(keys.get(r.nextInt(keys.size())));
            return PythonJson.dumps(body).getBytes(StandardCharsets.US_ASCII);
        });
        MUTATORS.put("deep nesting", (r, v) -> {
            int depth = 1 + r.nextInt(5000);
            String open = r.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return (open.repeat(depth) + "1" + close.repeat(r.nextInt(depth + 1))).getBytes(StandardCharsets.US_ASCII);
        });
        MUTATORS.put("not an object", (r, v) -> {
            String[] tops = { "null", "true", "0", "-1e999", "\"grid\"", "[]", "[1,2,3]", "", " ", "\uFEFF{}", "{}", "{} {}", "{\"a\":1}{" };
            return tops[r.nextInt(tops.length)].getBytes(StandardCharsets.UTF_8);
        });
    }

    static Object hostileValue(Random r) {
        Object[] values = { null, true, false, 0, -1, 1.5, "x", "", List.of(), Map.of(), new RawJson("1e400"),
                new RawJson("-0"), new RawJson("99999999999999999999999999999999"), new RawJson("2147483648"),
                new RawJson("-9223372036854775809"), new RawJson("0.0000000000000000000000001"), new RawJson("1E+2"),
                new RawJson("\"\\ud800\""), new RawJson("\"\\u0000\""), new RawJson("[".repeat(100) + "]".repeat(100)),
                List.of(1, 2, 3, 4), List.of(List.of(1, 2, 3, 4)), "a".repeat(10_000), new RawJson("NaN"), new RawJson("Infinity") };
        return values[r.nextInt(values.length)];
    }

    static Map<String, Object> payload(Random r) {
        int width = 1 + r.nextInt(12);
        int height = 1 + r.nextInt(12);
        List<List<int[]>> rows = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            List<int[]> row = new ArrayList<>();
            for (int x = 0; x < width; x++) {
                row.add(new int[] { r.nextInt(301), r.nextInt(301), r.nextInt(301), r.nextInt(51) });
            }
            rows.add(row);
        }
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("lines_on", r.nextBoolean());
        grid.put("width", width);
        grid.put("height", height);
        grid.put("blocks", rows);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("python_version", List.of(3, r.nextInt(14), r.nextInt(10), "final", 0));
        body.put("ipb_version", "1." + r.nextInt(11) + "." + r.nextInt(3));
        body.put("ipb_class", r.nextBoolean() ? "BlockGrid" : "ImageGrid");
        body.put("code_cells", r.nextInt(3) == 0 ? null : randomCells(r));
        body.put("secret", r.nextInt(4) == 0);
        body.put("grid_data", grid);
        return body;
    }

    static List<String> randomCells(Random r) {
        String[] pieces = { "print(", "'", "\"", "\\", "\n", "\t", "é", "☕", "𝄞", "<script>", "</div>", "{", "}", "\u2028", "x = 1" };
        List<String> cells = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            StringBuilder cell = new StringBuilder("print('");
            for (int j = 0, m = r.nextInt(20); j < m; j++) {
                cell.append(pieces[r.nextInt(pieces.length)]);
            }
            cells.add(cell.toString());
        }
        return cells;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    record Outcome(String kind, int status, String body) {
    }

    @Test
    void thousandsOfBadBodiesNeverCauseA5xxNorStoreARow() throws Exception {
        Random random = new Random(SEED);
        List<String> kinds = new ArrayList<>(MUTATORS.keySet());
        List<String> bodyKinds = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            String kind = kinds.get(i % kinds.size());
            byte[] valid = PythonJson.dumps(payload(random)).getBytes(StandardCharsets.US_ASCII);
            bodyKinds.add(kind);
            bodies.add(MUTATORS.get(kind).make(random, valid));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                byte[] body = bodies.get(i);
                String kind = bodyKinds.get(i);
                futures.add(pool.submit(() -> {
                    HttpResponse<String> response = client.post(body);
                    return new Outcome(kind, response.statusCode(), response.body());
                }));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
        for (Outcome o : outcomes) {
            byKind.computeIfAbsent(o.kind(), k -> new TreeMap<>()).merge(o.status(), 1, Integer::sum);
        }
        System.out.println("PostFuzzTest statuses by kind of input: " + byKind);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.status()).as("%s -> %s", o.kind(), o.body()).isIn(200, 400, 413);
            assertThat(o.body()).doesNotContain("Exception").doesNotContain("at org.");
        });
        long accepted = outcomes.stream().filter(o -> o.status() == 200).count();
        assertThat(testGrids.count("public_grids") + testGrids.count("secret_grids"))
                .as("rows stored = bodies accepted").isEqualTo(accepted);
        assertThat(accepted).as("most mutations must be rejected").isLessThan(BODIES / 4);
    }

    /** Found by the fuzzing above: PostgreSQL's jsonb refuses NUL, which used to make these posts 500. */
    @Test
    void nulInAnyStoredTextIs400() {
        String nul = "\\u0000";
        String valid = TestGrids.body("BlockGrid", 1, 1, false, List.of("print(1)"));
        for (String body : List.of(valid.replace("print(1)", "print(" + nul + ")"),
                valid.replace("\"1.9.1\"", "\"1.9.1" + nul + "\""),
                valid.replace("\"final\"", "\"fin" + nul + "al\""),
                valid.replace("\"lines_on\"", "\"note\": {\"k" + nul + "\": 1}, \"lines_on\""))) {
            HttpResponse<String> response = client.post(body, null);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
            // a NUL in a version breaks its shape first: refused all the same, naming the field
            assertThat(response.body()).containsAnyOf("NUL", "ipb_version\",\"message\":\"must be a version number",
                    "python_version[3]\",\"message\":\"must be the release level");
        }
        byte[] overlong = valid.getBytes(StandardCharsets.US_ASCII);
        int at = valid.indexOf("print(1)") + 6;
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0x80;
        assertThat(client.post(overlong).statusCode()).isEqualTo(400);
        assertThat(testGrids.count("public_grids")).isZero();
    }

    @Test
    void randomValidGridsAlwaysRoundTrip() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < VALID_GRIDS; i++) {
            Map<String, Object> payload = payload(random);
            String url = client.postToWeb(PythonJson.dumps(payload));
            boolean secret = (Boolean) payload.get("secret");
            String id = url.substring(url.lastIndexOf('/') + 1);
            JsonNode back = client.fromWeb(id, secret);
            @SuppressWarnings("unchecked")
            Map<String, Object> grid = (Map<String, Object>) payload.get("grid_data");
            assertThat(back).as("grid %d", i).isEqualTo(NotebookClient.read(PythonJson.dumps(grid)));
        }
    }
}
