package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The built artifact, as a dyno runs it (the prod profile, {@code DATABASE_URL} with SSL): the
 * {@code target/quarkus-app} jar in {@code ./mvnw verify}, the native executable in
 * {@code ./mvnw verify -Dnative}. The notebook's exact requests and what a visitor opens; the rest
 * of the behaviour is covered in depth by the {@code @QuarkusTest}s.
 */
@QuarkusIntegrationTest
@WithTestResource(SslDatabase.class)
@WithTestResource(ManagementPort.class)
class PackagedSiteIT {

    /**
     * HTTP/1.1, as the notebook client and browsers speak to plain http. (The JDK client's default
     * offers an h2c upgrade; against the native executable one such request, to {@code /q/health/ready}
     * on the public port, never got its answer, while curl got its 404 at once.)
     */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    NotebookClient client() {
        return new NotebookClient(base());
    }

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void theNotebookPostsAndLoadsBackPublicAndSecretGrids() {
        for (boolean secret : new boolean[] { false, true }) {
            String body = TestGrids.body("BlockGrid", 5, 3, secret, List.of("grid = BlockGrid(5, 3)"));
            String url = client().postToWeb(body);
            assertThat(url).startsWith(secret ? "http://www.ipythonblocks.org/secret/" : "http://www.ipythonblocks.org/");
            String id = url.substring(url.lastIndexOf('/') + 1);
            JsonNode back = client().fromWeb(id, secret);
            assertThat(back.get("blocks")).isEqualTo(NotebookClient.read(body).get("grid_data").get("blocks"));
            // a secret grid is never on the public route
            assertThat(client().get("/get/" + id).statusCode()).isEqualTo(secret ? 404 : 200);
        }
        HttpResponse<String> image = client().post(TestGrids.body("ImageGrid", 4, 4, false, null), null);
        assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
    }

    @Test
    void everyErrorTheNotebookCanMeetHasItsStatusAndAJsonBodyThatNamesTheProblem() {
        assertProblem(client().post("{\"python_version\": [3, 11", null), 400, "JSON");
        assertProblem(client().post(TestGrids.body("TurtleGrid", 2, 2, false, null), null), 400, "ipb_class");
        assertProblem(client().post(TestGrids.body("BlockGrid", 0, 2, false, null), null), 400, "width");
        byte[] big = new byte[8 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertProblem(client().post(big), 413, "8388608 bytes");
        assertProblem(client().postChunked(big), 413, "8388608 bytes");
        byte[] huge = new byte[40 * 1024 * 1024]; // over Quarkus' own 10 MiB check too
        java.util.Arrays.fill(huge, (byte) ' ');
        assertProblem(client().post(huge), 413, "8388608 bytes");
        assertProblem(client().postChunked(huge), 413, "8388608 bytes");
        assertProblem(client().get("/get/zzzzzzzz"), 404, "");
        assertProblem(client().get("/get/secret/zzzzzzzz"), 404, "");
        assertThat(client().get("/post").statusCode()).isEqualTo(405);
    }

    @Test
    void aPosterDeletesTheirGridWithItsToken() {
        String posted = client().post(TestGrids.body("BlockGrid", 2, 2, true, null), null).body();
        String url = NotebookClient.read(posted).get("url").asText();
        String token = NotebookClient.read(posted).get("delete_token").asText();
        assertProblem(delete("garbage"), 400, "delete request");
        assertProblem(delete("{\"url\": \"" + url + "\", \"delete_token\": \"wrong\"}"), 403, "delete_token");
        HttpResponse<String> deleted = delete("{\"url\": \"" + url + "\", \"delete_token\": \"" + token + "\"}");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(client().get("/get/secret/" + id).statusCode()).as("removed by its poster").isEqualTo(410);
    }

    HttpResponse<String> delete(String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + "/delete")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void assertProblem(HttpResponse<String> response, int status, String words) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode answer = NotebookClient.read(response.body());
        assertThat(answer.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).contains(words).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aVisitorSeesThePagePicturesEmbedAndOembed() throws Exception {
        String path = client().postToWebPath(TestGrids.body("BlockGrid", 6, 4, false, List.of("grid.flash()  # <b>bold</b>")));

        HttpResponse<String> page = get(path, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("flash").contains("&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>");

        HttpResponse<byte[]> png = bytes(path + ".png", null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(new String(png.body(), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        HttpResponse<String> svg = get(path + ".svg", null);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).startsWith("<svg").contains("<rect");
        assertThat(get(path + ".png?scale=abc", "text/html").statusCode()).isEqualTo(400);

        HttpResponse<String> embed = get("/embed" + path, "text/html");
        assertThat(embed.statusCode()).isEqualTo(200);
        assertThat(embed.body()).contains("<img src=\"" + path + ".png\"");
        HttpResponse<String> oembed = get("/oembed?url=" + URLEncoder.encode("http://www.ipythonblocks.org" + path, StandardCharsets.UTF_8), null);
        assertThat(oembed.statusCode()).as(oembed.body()).isEqualTo(200);
        assertThat(NotebookClient.read(oembed.body()).get("type").asText()).isEqualTo("rich");

        HttpResponse<String> random = get("/random", "text/html");
        assertThat(random.statusCode()).isEqualTo(303);
        assertThat(random.headers().firstValue("Location").orElse("")).matches("/\\w{6,}");

        HttpResponse<String> missing = get("/no/such/page", "text/html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(missing.body()).contains("Nothing is at");
        assertThat(get("/", "text/html").body()).contains("ipythonblocks");
        assertThat(get("/about", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesAreGzippedAndRevalidatedWithTheirEtag() throws Exception {
        String path = client().postToWebPath(TestGrids.body("BlockGrid", 10, 10, false, null));
        HttpResponse<byte[]> zipped = bytes(path, "gzip");
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        String html = new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(html).contains("<table");
        String etag = zipped.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void healthIsUpOnTheManagementPortOnlyAndTheDatabaseIsReachedOverSsl() throws Exception {
        String management = "http://localhost:" + ManagementPort.ofRunningApp();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(management + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(management + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("agroal_active_count");
        for (String path : new String[] { "/q/health/ready", "/q/health", "/q/metrics" }) {
            assertThat(get(path, null).statusCode()).as("public " + path).isEqualTo(404);
        }
        try (Connection db = DriverManager.getConnection(SslDatabase.jdbcUrl, "postgres", "postgres");
                ResultSet rows = db.createStatement().executeQuery("select count(*) filter (where s.ssl), count(*) "
                        + "from pg_stat_activity a join pg_stat_ssl s using (pid) "
                        + "where a.backend_type = 'client backend' and a.pid <> pg_backend_pid()")) {
            rows.next();
            assertThat(rows.getInt(2)).as("the app's connections").isPositive();
            assertThat(rows.getInt(1)).as("of which over SSL").isEqualTo(rows.getInt(2));
        }
    }

    @Test
    void theManagementInterfaceListensOnLoopbackOnly() throws Exception {
        int port = ManagementPort.ofRunningApp();
        java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress()).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no address but loopback");
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress(outside, port), 2000))
                    .as("health and metrics reached at " + outside).isInstanceOf(IOException.class);
        }
    }

    /** What depends on Vert.x's and Netty's options behaves the same in the packaged app (JVM and native). */
    @Test
    void malformedHeadersAndSmugglingGetOurAnswers() throws Exception {
        java.net.URL root = URI.create(base()).toURL();
        RawHttp.Reply accept = RawHttp.send(root, "GET /no/such/page HTTP/1.1\r\nHost: localhost\r\nAccept: text/html;q=x\r\n"
                + "Connection: close\r\n\r\n", 10_000);
        assertThat(accept.status()).isEqualTo(404);
        assertThat(accept.body()).contains("Nothing is at");
        RawHttp.Reply host = RawHttp.send(root, "GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n", 10_000);
        assertThat(host.reason()).isEqualTo("Bad request: the Host header is missing or is not a host name");
        String smuggled = "0\r\n\r\nGET /about HTTP/1.1\r\nHost: localhost\r\n\r\n";
        RawHttp.Reply framing = RawHttp.send(root, "POST /post HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + smuggled.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + smuggled, 10_000);
        assertThat(framing.statusLines()).hasSize(1);
        assertThat(framing.closed()).isTrue();
        RawHttp.Reply options = RawHttp.send(root, "OPTIONS /about HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 10_000);
        assertThat(options.head()).containsPattern("(?im)^Allow: GET, HEAD, OPTIONS$");
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path, String encoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (encoding != null) {
            request.header("Accept-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
