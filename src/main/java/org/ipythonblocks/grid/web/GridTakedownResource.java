package org.ipythonblocks.grid.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerRequest;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.Problem.Violation;
import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridJson;
import org.ipythonblocks.web.SiteOrigin;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.ipythonblocks.web.ProblemJson;
import org.ipythonblocks.web.Routes;

/**
 * {@code POST /delete}: the poster deletes a grid with the {@code delete_token} that
 * {@code POST /post} answered. Like {@code /post}, the body is JSON whatever the Content-Type:
 * {@code {"url": "<the grid's URL or id>", "delete_token": "<token>"}}. From a notebook:
 * {@code requests.post("http://www.ipythonblocks.org/delete", json={"url": url, "delete_token": token})}.
 * A grid deleted already is 410 ({@link org.ipythonblocks.grid.GridGoneException}), as on every route.
 */
@Path(Routes.DELETE)
@Produces(MediaType.APPLICATION_JSON)
public class GridTakedownResource {

    static final int MAX_BODY_BYTES = 4096;

    @Inject
    GridTakedown takedown;

    @Inject
    IpbConfig config;

    @Inject
    SiteOrigin site;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response delete(InputStream body, HttpServerRequest http) {
        JsonNode request = read(body);
        String url = text(request, "url");
        String token = text(request, "delete_token");
        Optional<GridRef> ref = GridRef.parse(url, site.hosts(http));
        if (ref.isEmpty()) {
            throw reject("url", "is not a grid's URL or id");
        }
        return switch (takedown.deleteWithToken(ref.get(), token)) {
            case DONE -> answer(200, "Deleted", "The grid " + ref.get() + " has been deleted.");
            case WRONG_TOKEN -> answer(403, "Forbidden", "This delete_token does not belong to the grid " + ref.get()
                    + ". Grids posted before delete tokens existed have none: to have it removed, use the \"Report this grid\" form"
                    + " on its page, " + config.publicBaseUrl() + "/" + ref.get() + "#report");
            case NOT_FOUND -> answer(404, "Not found", "No grid has the id " + ref.get() + ".");
        };
    }

    private static JsonNode read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw reject("(body)", "is larger than " + MAX_BODY_BYTES + " bytes");
            }
            JsonNode node = GridJson.REQUESTS.readTree(new java.io.ByteArrayInputStream(bytes));
            if (node == null || !node.isObject()) {
                throw reject("(body)", "must be a JSON object {\"url\": …, \"delete_token\": …}");
            }
            return node;
        } catch (IOException e) {
            throw reject("(body)", "is not valid JSON");
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw reject(field, "is missing: send it as a string");
        }
        return value.asText();
    }

    private static Problem reject(String field, String message) {
        return new Problem(400, "The delete request was not understood", List.of(new Violation(field, message)),
                "Not deleted: " + field + " " + message);
    }

    private static Response answer(int status, String title, String detail) {
        return ProblemJson.response(status, title, detail);
    }
}
