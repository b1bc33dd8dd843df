package org.ipythonblocks.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.db.EmbeddedDatabase;
import org.ipythonblocks.grid.GridIds;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Starting the app on the database the 2017 site used (spec §4.2: serial ids, jsonb, no Flyway
 * history) upgrades it in place: every row intact, every old URL resolving, the next post getting
 * the next id. Its own profile, because the app must start on that database.
 */
@QuarkusTest
@TestProfile(Adopt2017DatabaseTest.On2017Database.class)
class Adopt2017DatabaseTest {

    /** A row as the 2017 app stored it. {@code codeCells} null is SQL NULL; the text "null" is jsonb null. */
    record Row(String table, long id, String ipbVersion, String pythonVersion, String gridData, String codeCells,
            String ipbClass, String createdAt) {
    }

    static final List<Row> ROWS = List.of(
            new Row("public_grids", 1, "1.6.0", "[2, 7, 6, \"final\", 0]", LegacySqlite.grid(2, 2, true), "null", "BlockGrid",
                    "2017-07-02 21:04:11.123456+00"),
            new Row("public_grids", 2, "1.7.0", "[3, 5, 2, \"final\", 0]", LegacySqlite.grid(10, 10, false),
                    "[\"from ipythonblocks import BlockGrid\", \"grid = BlockGrid(10, 10)  # ☕\"]", "BlockGrid",
                    "2017-07-02 21:04:11.123456+00"),
            new Row("public_grids", 5, "1.7.1", "[3, 6, 1, \"final\", 0]", LegacySqlite.grid(3, 1, true), null, "ImageGrid",
                    "2017-07-10 08:00:00+00"),
            new Row("public_grids", 17, "1.8.0", "[3, 6, 5, \"final\", 0]",
                    "{\"width\": 1, \"blocks\": [[[12, 34, 56, 20]]], \"height\": 1, \"lines_on\": true}", "null", "BlockGrid",
                    "2019-01-31 23:59:59.5+00"),
            new Row("secret_grids", 1, "1.6.0", "[2, 7, 6, \"final\", 0]", LegacySqlite.grid(4, 1, true), "[\"secret\"]",
                    "BlockGrid", "2017-07-02 21:04:11.123456+00"),
            new Row("secret_grids", 3, "1.7.1", "[3, 6, 1, \"final\", 0]", LegacySqlite.grid(1, 3, false), "null", "BlockGrid",
                    "2017-08-01 12:00:00+00"),
            new Row("secret_grids", 8, "1.9.0", "[3, 7, 3, \"final\", 0]", LegacySqlite.grid(5, 5, true), null, "ImageGrid",
                    "2020-05-05 05:05:05+00"));

    public static class On2017Database implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The test profile cleans the database at start; here that would wipe the 2017 rows.
            return Map.of("quarkus.flyway.clean-at-start", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Database2017.class));
        }
    }

    /** Creates database {@code ipb2017} in the embedded server with the 2017 schema and rows, before the app starts. */
    public static class Database2017 implements QuarkusTestResourceLifecycleManager {

        static final String DB = "ipb2017";
        String serverUrl;

        @Override
        public Map<String, String> start() {
            URI server = URI.create(EmbeddedDatabase.startForTests().substring("jdbc:".length()));
            serverUrl = "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/";
            try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", EmbeddedDatabase.USER, "");
                    Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + DB + " with (force)");
                st.execute("create database " + DB);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            try (Connection db = DriverManager.getConnection(serverUrl + DB, EmbeddedDatabase.USER, "");
                    Statement st = db.createStatement()) {
                for (String table : List.of("public_grids", "secret_grids")) {
                    // SQLAlchemy 1.1's create_all for the 2017 app's model
                    st.execute("CREATE TABLE " + table + " (\n"
                            + "\tid SERIAL NOT NULL, \n"
                            + "\tipb_version TEXT NOT NULL, \n"
                            + "\tpython_version JSONB NOT NULL, \n"
                            + "\tgrid_data JSONB NOT NULL, \n"
                            + "\tcode_cells JSONB, \n"
                            + "\tipb_class TEXT NOT NULL, \n"
                            + "\tcreated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, \n"
                            + "\tsecret BOOLEAN DEFAULT " + table.startsWith("secret") + " NOT NULL, \n"
                            + "\tPRIMARY KEY (id)\n)");
                }
                for (Row row : ROWS) {
                    try (PreparedStatement insert = db.prepareStatement("insert into " + row.table()
                            + " (id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret)"
                            + " values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::timestamptz, ?)")) {
                        insert.setLong(1, row.id());
                        insert.setString(2, row.ipbVersion());
                        insert.setString(3, row.pythonVersion());
                        insert.setString(4, row.gridData());
                        insert.setString(5, row.codeCells());
                        insert.setString(6, row.ipbClass());
                        insert.setString(7, row.createdAt());
                        insert.setBoolean(8, row.table().equals("secret_grids"));
                        insert.executeUpdate();
                    }
                }
                // what scripts/migrate.py did after copying the rows
                st.execute("select setval('public_grids_id_seq', (select max(id) from public_grids))");
                st.execute("select setval('secret_grids_id_seq', (select max(id) from secret_grids))");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", serverUrl + DB,
                    "quarkus.datasource.username", EmbeddedDatabase.USER,
                    "quarkus.datasource.password", "");
        }

        @Override
        public void stop() {
            try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", EmbeddedDatabase.USER, "");
                    Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + DB + " with (force)");
            } catch (SQLException e) {
                // the server may already be gone with the JVM
            }
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @Inject
    GridIds ids;

    @Inject
    Flyway flyway;

    @Test
    void theAppAdoptsThe2017DatabaseKeepingEveryRowAndUrl() throws Exception {
        assertThat(sql("select current_database()")).containsExactly("ipb2017");
        assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion()).containsExactly("1", "2", "3", "10", "11", "12", "14");
        assertThat(sql("select data_type from information_schema.columns where table_name = 'public_grids' and column_name = 'id'"))
                .containsExactly("bigint");

        // every row intact, column by column (jsonb compared as jsonb, SQL NULL kept apart from jsonb null)
        for (Row row : ROWS) {
            assertThat(sql("select count(*) from " + row.table() + " where id = " + row.id()
                    + " and ipb_version = " + literal(row.ipbVersion())
                    + " and python_version = " + literal(row.pythonVersion()) + "::jsonb"
                    + " and grid_data = " + literal(row.gridData()) + "::jsonb"
                    + " and code_cells is not distinct from " + literal(row.codeCells()) + "::jsonb"
                    + " and ipb_class = " + literal(row.ipbClass())
                    + " and created_at = " + literal(row.createdAt()) + "::timestamptz"
                    + " and secret = " + row.table().equals("secret_grids")
                    + (row.table().equals("secret_grids") ? " and token is null" : "")))
                    .as("%s %d", row.table(), row.id()).containsExactly("1");
        }
        assertThat(sql("select count(*) from public_grids")).containsExactly("4");
        assertThat(sql("select count(*) from secret_grids")).containsExactly("3");

        // every old URL: the same salts give the same ids
        NotebookClient client = new NotebookClient(root.toString());
        assertThat(ids.publicId(1)).isEqualTo("bizkiL");
        assertThat(ids.legacySecretId(1)).isEqualTo("MiXoi4");
        for (Row row : ROWS) {
            String path = row.table().equals("public_grids") ? "/get/" + ids.publicId(row.id())
                    : "/get/secret/" + ids.legacySecretId(row.id());
            var response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(NotebookClient.read(response.body())).as(path).isEqualTo(NotebookClient.read(row.gridData()));
        }

        // the next posts get the next ids, no collision
        assertThat(client.postToWeb(TestGrids.body("BlockGrid", 2, 2, false, null)))
                .isEqualTo("http://www.ipythonblocks.org/" + ids.publicId(18));
        String secretUrl = client.postToWeb(TestGrids.body("BlockGrid", 2, 2, true, null));
        String token = secretUrl.substring(secretUrl.lastIndexOf('/') + 1);
        assertThat(sql("select id from secret_grids where token = " + literal(token))).containsExactly("9");
        assertThat(client.fromWeb(token, true).get("width").asInt()).isEqualTo(2);
    }

    private static String literal(String value) {
        return value == null ? "null" : "'" + value.replace("'", "''") + "'";
    }

    private List<String> sql(String query) {
        return testGrids.firstColumn(query);
    }
}
