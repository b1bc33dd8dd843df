package org.ipythonblocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Replays the unmodified {@code ipythonblocks} client's requests (spec §1.2, §5.3, §5.4): a POST whose
 * body is the {@code json.dumps} text with no Content-Type header at all, and a plain GET whose answer
 * is read the way {@code from_web} reads it.
 */
public final class NotebookClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public NotebookClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** {@code requests.post(url, data=json_string)}: no Content-Type; {@code contentType} null to match the client. */
    public HttpResponse<String> post(String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/post"))
                .header("User-Agent", "python-requests/2.31.0")
                .header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> post(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/post"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** {@code post_to_web}: raise_for_status, then {@code response.json()['url']}. */
    public String postToWeb(String body) {
        HttpResponse<String> response = post(body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        return read(response.body()).get("url").asText();
    }

    /** As {@link #postToWeb(String)}, answering the path of the grid's page: {@code /bizkiL}, {@code /secret/…}. */
    public String postToWebPath(String body) {
        return pathOf(postToWeb(body));
    }

    /** The path of an absolute URL: {@code http://host/bizkiL} → {@code /bizkiL}. */
    public static String pathOf(String url) {
        return url.substring(url.indexOf('/', "http://".length()));
    }

    /** A POST sent chunked, with no Content-Length: the server only learns the size by reading. */
    public HttpResponse<String> postChunked(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/post"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "*/*").GET().build());
    }

    /**
     * {@code BlockGrid.from_web(grid_id, secret)}: GET, raise_for_status, {@code .json()}, then the
     * shape checks the client makes before it builds the grid.
     */
    public JsonNode fromWeb(String gridId, boolean secret) {
        HttpResponse<String> response = get((secret ? "/get/secret/" : "/get/") + gridId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = read(response.body());
        int width = data.get("width").asInt();
        int height = data.get("height").asInt();
        assertThat(data.get("lines_on").isBoolean()).isTrue();
        JsonNode blocks = data.get("blocks");
        assertThat(blocks.size()).as("len(blocks) == height").isEqualTo(height);
        assertThat(blocks.get(0).size()).as("len(blocks[0]) == width").isEqualTo(width);
        return data;
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
