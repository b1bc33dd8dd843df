package org.ipythonblocks.db;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Works out where the database is, before anything opens a connection.
 *
 * <ol>
 * <li>An explicit {@code quarkus.datasource.jdbc.url} ({@code QUARKUS_DATASOURCE_JDBC_URL}) always
 * wins, in every profile.</li>
 * <li>In prod: Heroku's {@code DATABASE_URL} ({@code postgres://user:password@host:port/db}), with
 * SSL required unless the URL or {@code IPB_DATABASE_SSLMODE} says otherwise. With neither, start-up
 * stops with one line saying what to set.</li>
 * <li>In dev and test: {@code IPB_DEV_DATABASE_URL} (either form) points at any PostgreSQL; without
 * it an embedded PostgreSQL is started: dev mode keeps its data in {@code IPB_DEV_DB_DIR} (default
 * {@code .dev-db} in the project directory), the tests get a fresh cluster in a temporary
 * directory.</li>
 * </ol>
 * The values it supplies sit below environment variables and {@code application.properties}
 * (ordinal 200), so {@code QUARKUS_DATASOURCE_USERNAME} and friends still override them.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200;

    /**
     * Whether the embedded PostgreSQL's jars are here: in dev mode and the tests, never in the packaged
     * app (optional dependencies, filtered out) nor in a native executable. Quarkus initialises this
     * class while it builds a native executable, where zonky is absent, so this is the constant
     * {@code false} there and the builder never sees the code that starts the embedded server.
     */
    static final boolean EMBEDDED_AVAILABLE = classPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
    static final String NO_DATABASE = "ipythonblocks: no database configured: set DATABASE_URL "
            + "(postgres://user:password@host:port/dbname) or QUARKUS_DATASOURCE_JDBC_URL";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Quarkus also builds its configuration while packaging the app (no execution mode yet):
        // the database location is runtime configuration, so there is nothing to do then.
        if (ExecutionMode.current() == ExecutionMode.UNSET
                || value(context, "quarkus.datasource.jdbc.url") != null) {
            return List.of();
        }
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        boolean dev = profiles.contains("dev");
        Map<String, String> props = new HashMap<>();
        if (test || dev) {
            String external = value(context, "ipb.dev-database-url");
            if (external != null) {
                put(props, DatabaseUrl.parse(external, null));
            } else if (!EMBEDDED_AVAILABLE) {
                stop("ipythonblocks: no embedded PostgreSQL in this build: set IPB_DEV_DATABASE_URL or QUARKUS_DATASOURCE_JDBC_URL");
            } else {
                props.put("quarkus.datasource.jdbc.url",
                        test ? EmbeddedDatabase.startForTests() : EmbeddedDatabase.start(devDataDir(context), false));
                props.put("quarkus.datasource.username", EmbeddedDatabase.USER);
                props.put("quarkus.datasource.password", "");
            }
        } else {
            String heroku = value(context, "DATABASE_URL");
            if (heroku == null) {
                stop(NO_DATABASE);
            }
            String sslMode = value(context, "ipb.database.sslmode");
            try {
                put(props, DatabaseUrl.parse(heroku, sslMode == null ? "require" : sslMode));
            } catch (IllegalArgumentException e) {
                stop("ipythonblocks: DATABASE_URL is not usable: " + e.getMessage());
            }
        }
        return List.of(new MapBackedConfigSource("ipythonblocks database location", props, ORDINAL) {
        });
    }

    /** One clear line instead of a stack trace: nothing can work without a database. */
    private static void stop(String line) {
        System.err.println(line);
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, DatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void put(Map<String, String> props, DatabaseUrl url) {
        props.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
        url.username().ifPresent(u -> props.put("quarkus.datasource.username", u));
        url.password().ifPresent(p -> props.put("quarkus.datasource.password", p));
    }

    private static Path devDataDir(ConfigSourceContext context) {
        String dir = value(context, "ipb.dev-db-dir");
        return Path.of(dir == null ? ".dev-db" : dir).toAbsolutePath();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
