package org.ipythonblocks.legacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.ipythonblocks.CommandException;
import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.command.Commands;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridPost;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LegacyImporterTest extends NotebookSiteTest {

    static final String BROKEN = "{\"width\": 2, \"height\": 1, \"lines_on\": true, \"blocks\": [[[1, 2, 3, 20], [1, 2";
    static final String NON_ASCII_CELLS = "[\"print('h\\u00e9llo \\u2615 \\ud834\\udd1e')\", \"# 日本語 raw UTF-8\"]";
    static final String EXTRA_KEYS = "{\"width\": 1, \"height\": 1, \"lines_on\": false, \"blocks\": [[[300, 0, 0, 0]]], \"note\": {\"by\": \"me\"}}";

    @TempDir
    Path dir;

    @Inject
    LegacyImporter importer;

    @Inject
    GridExporter exporter;

    @Inject
    GridIds ids;

    @Inject
    GridService grids;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Commands commands;

    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    /** The 2014 database with everything it can hold: good rows, odd rows, and rows nothing can read. */
    Path legacyDatabase() throws SQLException {
        Path file = dir.resolve("ipborg.db");
        try (LegacySqlite db = new LegacySqlite(file)) {
            db.row("public_grids", 1, LegacySqlite.grid(2, 2, true), "null")
                    .row("public_grids", 2, LegacySqlite.grid(3, 1, false), "")
                    .row("public_grids", 4, LegacySqlite.grid(2, 1, true), NON_ASCII_CELLS)
                    .row("public_grids", 7, "1.6.1", "[3, 3, 4, \"final\", 0]", LegacySqlite.grid(100, 100, false),
                            "[\"grid = BlockGrid(100, 100)\", \"\"]", "ImageGrid")
                    .row("public_grids", 9, BROKEN, "null")
                    .row("public_grids", 10, "{\"width\": 1, \"height\": 1, \"lines_on\": true}", "null")
                    .row("public_grids", 12, LegacySqlite.grid(1, 1, true), "[1, \"x\"]")
                    .row("public_grids", 20, EXTRA_KEYS, null)
                    .row("secret_grids", 1, LegacySqlite.grid(4, 1, true), "[\"secret = True\"]")
                    .row("secret_grids", 3, LegacySqlite.grid(1, 2, false), null)
                    .row("secret_grids", 5, "not json", "null");
        }
        return file;
    }

    @Test
    void importsTheLegacyDatabaseKeepingIdsAndRejectingWhatCannotBeRead() throws Exception {
        Path file = legacyDatabase();

        ImportReport report = importer.importFrom(file, null, new PrintStream(progress, true));

        assertThat(report.format()).isEqualTo("SQLite 2014");
        assertCounts(report.counts(GridTable.PUBLIC), 8, 5, 0, 0, 3);
        assertCounts(report.counts(GridTable.SECRET), 3, 2, 0, 0, 1);
        assertThat(report.exitCode()).isEqualTo(ImportReport.EXIT_ROWS_NOT_IMPORTED).isEqualTo(3);
        assertThat(report.summary()).contains("public_grids", "secret_grids", "rejected", "ipborg.db.rejects.jsonl");

        // rejects: next to the input, one JSON object per row with table, id and reason
        Path rejects = dir.resolve("ipborg.db.rejects.jsonl");
        assertThat(report.rejectsFile()).isEqualTo(rejects);
        assertThat(Files.readAllLines(rejects)).allSatisfy(l -> assertThat(l).startsWith("{\"kind\":"));
        List<JsonNode> rejected = Files.readAllLines(rejects).stream().map(NotebookClient::read).toList();
        assertThat(rejected).extracting(r -> r.get("table").asText() + "/" + r.get("id").asLong())
                .containsExactlyInAnyOrder("public_grids/9", "public_grids/10", "public_grids/12", "secret_grids/5");
        assertThat(rejected).allSatisfy(r -> assertThat(r.get("kind").asText()).isEqualTo("rejected"));
        assertThat(reason(rejected, 9)).startsWith("grid_data is not valid JSON");
        assertThat(reason(rejected, 10)).isEqualTo("grid_data has no blocks");
        assertThat(reason(rejected, 12)).isEqualTo("code_cells[0] is a number, not a string");

        // every imported row: the same grid_data back from /get/, with the id's legacy hash
        Map<Long, String> publicRows = Map.of(1L, LegacySqlite.grid(2, 2, true), 2L, LegacySqlite.grid(3, 1, false),
                4L, LegacySqlite.grid(2, 1, true), 7L, LegacySqlite.grid(100, 100, false), 20L, EXTRA_KEYS);
        publicRows.forEach((id, gridData) -> assertThat(get("/get/" + ids.publicId(id))).isEqualTo(NotebookClient.read(gridData)));
        assertThat(ids.publicId(1)).isEqualTo("bizkiL");
        assertThat(client.fromWeb(ids.publicId(7), false).get("blocks").size()).isEqualTo(100);
        assertThat(get("/get/secret/MiXoi4")).isEqualTo(NotebookClient.read(LegacySqlite.grid(4, 1, true)));
        assertThat(get("/get/secret/" + ids.legacySecretId(3))).isEqualTo(NotebookClient.read(LegacySqlite.grid(1, 2, false)));
        assertThat(client.get("/get/" + ids.publicId(9)).statusCode()).isEqualTo(404);

        // the columns: "null" and "" code cells are SQL NULL, text kept exactly, secret from the table
        assertThat(sql("select id from public_grids order by id")).containsExactly("1", "2", "4", "7", "20");
        assertThat(sql("select id from public_grids where code_cells is null order by id")).containsExactly("1", "2", "20");
        assertThat(sql("select code_cells->>0 from public_grids where id = 4")).containsExactly("print('héllo ☕ 𝄞')");
        assertThat(sql("select code_cells->>1 from public_grids where id = 4")).containsExactly("# 日本語 raw UTF-8");
        assertThat(sql("select code_cells::text from public_grids where id = 7")).containsExactly("[\"grid = BlockGrid(100, 100)\", \"\"]");
        assertThat(sql("select ipb_version || ' ' || ipb_class || ' ' || python_version::text from public_grids where id = 7"))
                .containsExactly("1.6.1 ImageGrid [3, 3, 4, \"final\", 0]");
        assertThat(sql("select count(*) from public_grids where secret or created_at is null")).containsExactly("0");
        assertThat(sql("select count(*) from secret_grids where secret and token is null")).containsExactly("2");
        assertThat(grids.find(new GridRef(false, ids.publicId(20))).orElseThrow().gridData.extra()).containsKey("note");

        // the next post gets an id past every id of the file, in both spaces, a rejected row's too: the old
        // site's link to secret grid 5 must not show someone else's grid
        assertThat(client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null)))
                .isEqualTo("http://www.ipythonblocks.org/" + ids.publicId(21));
        client.postToWeb(TestGrids.body("BlockGrid", 1, 1, true, null));
        assertThat(sql("select max(id) from secret_grids")).containsExactly("6");
    }

    @Test
    void aSecondImportSkipsEverythingAndChangesNothing() throws Exception {
        Path file = legacyDatabase();
        importer.importFrom(file, null, new PrintStream(progress, true));
        List<String> before = dump();

        ImportReport again = importer.importFrom(file, dir.resolve("again.jsonl"), new PrintStream(progress, true));

        assertCounts(again.counts(GridTable.PUBLIC), 8, 0, 5, 0, 3);
        assertCounts(again.counts(GridTable.SECRET), 3, 0, 2, 0, 1);
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aCleanDatabaseExitsZeroTwice() throws Exception {
        Path file = dir.resolve("clean.db");
        try (LegacySqlite db = new LegacySqlite(file)) {
            db.row("public_grids", 3, LegacySqlite.grid(5, 5, true), "null").row("secret_grids", 2, LegacySqlite.grid(1, 1, true), "null");
        }
        ImportReport first = importer.importFrom(file, null, new PrintStream(progress, true));
        assertThat(first.exitCode()).isZero();
        assertThat(first.rejectsFile()).isNull();
        assertThat(Files.exists(dir.resolve("clean.db.rejects.jsonl"))).isFalse();

        ImportReport second = importer.importFrom(file, null, new PrintStream(progress, true));
        assertThat(second.exitCode()).isZero();
        assertCounts(second.counts(GridTable.PUBLIC), 1, 0, 1, 0, 0);
        assertCounts(second.counts(GridTable.SECRET), 1, 0, 1, 0, 0);
    }

    @Test
    void aDifferentGridUnderTheSameIdIsAConflictAndIsNeverOverwritten() throws Exception {
        testGrids.insertLegacySecretGrid(1); // a 4×1 grid with no code cells
        List<String> before = dump();
        Path file = dir.resolve("conflict.db");
        try (LegacySqlite db = new LegacySqlite(file)) {
            db.row("secret_grids", 1, LegacySqlite.grid(4, 1, false), "null")
                    .row("secret_grids", 2, LegacySqlite.grid(1, 1, true), "null");
        }

        ImportReport report = importer.importFrom(file, dir.resolve("problems.jsonl"), new PrintStream(progress, true));

        assertCounts(report.counts(GridTable.SECRET), 2, 1, 0, 1, 0);
        assertThat(report.exitCode()).isEqualTo(3);
        JsonNode conflict = NotebookClient.read(Files.readString(dir.resolve("problems.jsonl")));
        assertThat(conflict.get("kind").asText()).isEqualTo("conflict");
        assertThat(conflict.get("table").asText()).isEqualTo("secret_grids");
        assertThat(conflict.get("id").asLong()).isEqualTo(1);
        assertThat(conflict.get("reason").asText()).contains("different grid");
        assertThat(dump().get(0)).isEqualTo(before.get(0)); // row 1 untouched
        assertThat(get("/get/secret/MiXoi4").get("lines_on").asBoolean()).isFalse();
    }

    @Test
    void theSameGridStoredAs2017JsonNullCodeCellsIsSkippedNotAConflict() throws Exception {
        testGrids.insertLegacySecretGrid(1); // code_cells is jsonb 'null', as SQLAlchemy wrote it
        Path file = dir.resolve("same.db");
        try (LegacySqlite db = new LegacySqlite(file)) {
            db.row("secret_grids", 1, "1.6.0", "[2, 7, 6, \"final\", 0]",
                    "{\"lines_on\": false, \"width\": 4, \"height\": 1, \"blocks\": [[[1, 2, 3, 20], [1, 2, 3, 20], [1, 2, 3, 20], [1, 2, 3, 20]]]}",
                    "null", "BlockGrid");
        }
        ImportReport report = importer.importFrom(file, null, new PrintStream(progress, true));
        assertCounts(report.counts(GridTable.SECRET), 1, 0, 1, 0, 0);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void unusableFilesAreUsageErrors() throws Exception {
        assertThatThrownBy(() -> importer.importFrom(dir.resolve("missing.db"), null, System.err))
                .isInstanceOf(CommandException.class).hasMessageContaining("no such file");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThatThrownBy(() -> importer.importFrom(text, null, System.err))
                .isInstanceOf(CommandException.class).hasMessageContaining("neither a SQLite database nor JSON Lines");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertThatThrownBy(() -> importer.importFrom(empty, null, System.err)).isInstanceOf(CommandException.class).hasMessageContaining("empty");
        Path otherSqlite = dir.resolve("other.db");
        try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + otherSqlite, new java.util.Properties())) {
            db.createStatement().execute("create table notes (id integer primary key, text text)");
        }
        assertThatThrownBy(() -> importer.importFrom(otherSqlite, null, System.err))
                .isInstanceOf(CommandException.class).hasMessageContaining("neither public_grids nor secret_grids");
        assertThat(CommandException.EXIT_CODE).isEqualTo(2);
    }

    @Test
    void exportThenImportIntoAnEmptyDatabaseGivesIdenticalRows() throws Exception {
        importer.importFrom(legacyDatabase(), null, new PrintStream(progress, true));
        String token = grids.store(new GridPost(List.of(3, 12, 1, "final", 0), "1.9.1", "ImageGrid",
                List.of("x = 1  # ünï \"q\" \\ \n"), true, GridData.filled(3, 2, true, 1, 2, 300, 20)), null).substring("secret/".length());
        grids.store(new GridPost(List.of(3, 12, 1, "final", 0), "1.9.1", "BlockGrid", null, false,
                GridData.filled(1, 1, false, 0, 0, 0, 1)), null);
        List<String> before = dump();
        Path export = dir.resolve("backup.jsonl");

        GridExporter.Report exported = exporter.exportTo(export, new PrintStream(progress, true));

        assertThat(exported.rows()).containsEntry(GridTable.PUBLIC, 6L).containsEntry(GridTable.SECRET, 3L);
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(9).allSatisfy(l -> assertThat(l).startsWith("{\"table\":\""));
        JsonNode first = NotebookClient.read(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("table", "id", "created_at", "ipb_version",
                "python_version", "ipb_class", "code_cells", "grid_data");
        assertThat(lines).anySatisfy(l -> assertThat(NotebookClient.read(l).path("token").asText()).isEqualTo(token));

        testGrids.deleteAll();
        ImportReport report = importer.importFrom(export, null, new PrintStream(progress, true));

        assertThat(report.format()).isEqualTo("JSON Lines");
        assertCounts(report.counts(GridTable.PUBLIC), 6, 6, 0, 0, 0);
        assertCounts(report.counts(GridTable.SECRET), 3, 3, 0, 0, 0);
        assertThat(report.exitCode()).isZero();
        assertThat(dump()).isEqualTo(before);
        assertThat(get("/get/secret/" + token).get("blocks").get(0).get(0).get(2).asInt()).isEqualTo(300);
        // and importing the export again changes nothing
        assertCounts(importer.importFrom(export, null, new PrintStream(progress, true)).counts(GridTable.SECRET), 3, 0, 3, 0, 0);
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aRestoreKeepsTakedownsTokensAndDeletedIds() throws Exception {
        // a grid with its poster's delete token, a hidden one, one deleted by its poster, a secret one
        // deleted by the admin, and a secret one with its token
        String keptToken = post(false, "delete_token"); // bizkiL, row 1
        String hidden = post(false, "url");              // row 2
        String deleted = post(false, "url");             // row 3
        String deletedToken = lastDeleteToken;
        String secretGone = post(true, "url");           // secret row 1
        String secret = post(true, "url");               // secret row 2
        admin("hide", hidden);
        given().body(Map.of("url", deleted, "delete_token", deletedToken)).when().post("/delete").then().statusCode(200);
        admin("delete", secretGone);
        List<String> before = dump();
        Path export = dir.resolve("backup.jsonl");
        exporter.exportTo(export, new PrintStream(progress, true));
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("\"delete_token_hash\":\"").doesNotContain(keptToken);
        assertThat(lines.get(1)).contains("\"hidden_at\":\"");
        assertThat(lines.get(2)).matches("\\{\"table\":\"public_grids\",\"id\":3,\"deleted_at\":\"[^\"]+\",\"deleted_by\":\"poster\"}");
        assertThat(lines.get(3)).matches("\\{\"table\":\"secret_grids\",\"id\":1,\"token\":\"\\w{20}\",\"deleted_at\":\"[^\"]+\",\"deleted_by\":\"admin\"}");

        testGrids.deleteAll();
        ImportReport report = importer.importFrom(export, null, new PrintStream(progress, true));

        assertCounts(report.counts(GridTable.PUBLIC), 3, 3, 0, 0, 0);
        assertCounts(report.counts(GridTable.SECRET), 2, 2, 0, 0, 0);
        assertThat(dump()).isEqualTo(before);
        Path again = dir.resolve("again.jsonl");
        exporter.exportTo(again, new PrintStream(progress, true));
        assertThat(Files.readAllLines(again, StandardCharsets.UTF_8)).isEqualTo(lines);
        // a hidden grid stays hidden, a deleted one deleted, and their ids are never handed out again
        assertThat(client.get("/get/" + NotebookClient.pathOf(hidden).substring(1)).statusCode()).isEqualTo(410);
        assertThat(client.get("/get/" + NotebookClient.pathOf(deleted).substring(1)).statusCode()).isEqualTo(410);
        assertThat(client.get("/get" + NotebookClient.pathOf(secretGone)).statusCode()).isEqualTo(410);
        assertThat(client.get("/get" + NotebookClient.pathOf(secret)).statusCode()).isEqualTo(200);
        assertThat(client.postToWeb(TestGrids.body("BlockGrid", 1, 1, false, null))).endsWith("/" + ids.publicId(4));
        // and the poster's delete token still deletes the grid
        given().body(Map.of("url", "http://www.ipythonblocks.org/bizkiL", "delete_token", keptToken)).when().post("/delete")
                .then().statusCode(200);
        assertThat(client.get("/get/bizkiL").statusCode()).isEqualTo(410);
    }

    @Test
    void anExportWithoutTakedownFieldsStillImports() throws Exception {
        Path file = dir.resolve("old.jsonl");
        Files.writeString(file, "{\"table\": \"public_grids\", \"id\": 4, \"created_at\": \"2017-07-02T10:11:12.123456Z\", "
                + "\"ipb_version\": \"1.7.1\", \"python_version\": [3, 6, 1, \"final\", 0], \"ipb_class\": \"BlockGrid\", "
                + "\"code_cells\": null, \"grid_data\": " + LegacySqlite.grid(2, 2, true) + "}\n"
                + "{\"table\": \"public_grids\", \"id\": 5, \"deleted_at\": \"2020-01-01T00:00:00Z\", \"deleted_by\": \"robot\"}\n"
                + "{\"table\": \"public_grids\", \"id\": 6, \"deleted_at\": \"2020-01-01T00:00:00Z\", \"deleted_by\": \"admin\", "
                + "\"ipb_version\": \"1.7.1\"}\n");

        ImportReport report = importer.importFrom(file, null, new PrintStream(progress, true));

        assertCounts(report.counts(GridTable.PUBLIC), 3, 1, 0, 0, 2);
        assertThat(client.get("/get/" + ids.publicId(4)).statusCode()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("old.jsonl.rejects.jsonl")))
                .contains("deleted_by is not \\\"poster\\\" or \\\"admin\\\"")
                .contains("a deleted grid keeps no ipb_version");
    }

    private String lastDeleteToken;

    /** Posts a 2×2 grid as the notebook does; the answer's {@code field} (its URL or its delete token). */
    private String post(boolean secret, String field) {
        JsonNode answer = NotebookClient.read(client.post(TestGrids.body("BlockGrid", 2, 2, secret, null).getBytes(StandardCharsets.UTF_8)).body());
        lastDeleteToken = answer.get("delete_token").asText();
        return answer.get(field).asText();
    }

    private void admin(String... args) {
        assertThat(commands.run(new PrintStream(progress, true), new PrintStream(progress, true), args)).isZero();
    }

    @Test
    void brokenJsonLinesAreRejectedAndTheRestImported() throws Exception {
        Path file = dir.resolve("mixed.jsonl");
        String good = "{\"table\": \"public_grids\", \"id\": 5, \"created_at\": \"2017-07-02T10:11:12.123456Z\", "
                + "\"ipb_version\": \"1.7.1\", \"python_version\": [3, 6, 1, \"final\", 0], \"ipb_class\": \"BlockGrid\", "
                + "\"code_cells\": null, \"grid_data\": " + LegacySqlite.grid(2, 2, true) + "}";
        Files.writeString(file, good + "\n\n{broken\n"
                + "{\"table\": \"public_grids\", \"id\": 6, \"token\": \"abcdefghijABCDEFGHIJ\", \"ipb_version\": \"1\", "
                + "\"python_version\": [], \"ipb_class\": \"BlockGrid\", \"grid_data\": " + LegacySqlite.grid(1, 1, true) + "}\n"
                + "{\"table\": \"nope\", \"id\": 7}\n");

        ImportReport report = importer.importFrom(file, null, new PrintStream(progress, true));

        assertCounts(report.counts(GridTable.PUBLIC), 2, 1, 0, 0, 1);
        assertThat(report.unreadableLines()).isEqualTo(2);
        assertThat(report.exitCode()).isEqualTo(3);
        List<JsonNode> rejected = Files.readAllLines(dir.resolve("mixed.jsonl.rejects.jsonl")).stream().map(NotebookClient::read).toList();
        assertThat(rejected).extracting(r -> r.get("line").asInt()).containsExactly(3, 4, 5);
        assertThat(rejected.get(1).get("reason").asText()).isEqualTo("only secret grids have a token");
        assertThat(sql("select created_at = '2017-07-02T10:11:12.123456Z' from public_grids where id = 5")).containsExactly("t");
    }

    @Test
    void aValueThatPostgresRefusesRejectsOnlyItsRow() throws Exception {
        Path file = dir.resolve("nul.db");
        try (LegacySqlite db = new LegacySqlite(file)) {
            db.row("public_grids", 1, LegacySqlite.grid(1, 1, true), "[\"ok\"]")
                    .row("public_grids", 2, LegacySqlite.grid(1, 1, true), "[\"nul \\u0000 char\"]")
                    .row("public_grids", 3, LegacySqlite.grid(1, 1, true), "null");
        }
        ImportReport report = importer.importFrom(file, null, new PrintStream(progress, true));
        assertCounts(report.counts(GridTable.PUBLIC), 3, 2, 0, 0, 1);
        assertThat(Files.readString(dir.resolve("nul.db.rejects.jsonl"))).contains("PostgreSQL refused it");
    }

    private static void assertCounts(ImportReport.Counts counts, long read, long imported, long skipped, long conflicts,
            long rejected) {
        assertThat(counts).as("read imported skipped conflicts rejected").extracting(ImportReport.Counts::read,
                ImportReport.Counts::imported, ImportReport.Counts::skipped, ImportReport.Counts::conflicts,
                ImportReport.Counts::rejected).containsExactly(read, imported, skipped, conflicts, rejected);
    }

    private static String reason(List<JsonNode> rejected, long id) {
        return rejected.stream().filter(r -> r.get("id").asLong() == id && r.get("table").asText().equals("public_grids"))
                .findFirst().orElseThrow().get("reason").asText();
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return NotebookClient.read(response.body());
    }

    /** Every column of every row of both tables, as text, in id order. */
    private List<String> dump() throws SQLException {
        List<String> rows = new ArrayList<>(sql("select row_to_json(g)::text from (select * from secret_grids order by id) g"));
        rows.addAll(sql("select row_to_json(g)::text from (select * from public_grids order by id) g"));
        return rows;
    }

    private List<String> sql(String query) {
        return testGrids.firstColumn(query);
    }
}
