package org.ipythonblocks.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location as Heroku hands it over in {@code DATABASE_URL}
 * ({@code postgres://user:password@host:port/dbname?sslmode=...}), turned into what JDBC needs.
 *
 * <p>User and password are URL-decoded; the port defaults to 5432. SSL is required unless the URL
 * says otherwise with {@code sslmode}: Heroku Postgres only accepts encrypted connections, and a
 * plain-text fallback should never happen silently. A {@code jdbc:postgresql:} URL is accepted
 * too and passed through unchanged (its credentials, if any, stay in the URL).
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

    public static DatabaseUrl parse(String url, String defaultSslMode) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, Optional.empty(), Optional.empty());
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException(
                    "the database URL must start with postgres:// or postgresql://, not " + scheme + "://");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the database URL names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw new IllegalArgumentException("the database URL names no database (…/dbname)");
        }
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                pass = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String host = uri.getHost();
        String query = uri.getRawQuery();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(database);
        boolean hasSslMode = query != null && (query.startsWith("sslmode=") || query.contains("&sslmode="));
        String params = query == null || query.isEmpty() ? "" : query;
        if (!hasSslMode && defaultSslMode != null && !defaultSslMode.isBlank()) {
            params = params.isEmpty() ? "sslmode=" + defaultSslMode : params + "&sslmode=" + defaultSslMode;
        }
        if (!params.isEmpty()) {
            jdbc.append('?').append(params);
        }
        return new DatabaseUrl(jdbc.toString(), user, pass);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username.orElse("") + "]";
    }
}
