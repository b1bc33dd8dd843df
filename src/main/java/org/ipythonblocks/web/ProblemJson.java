package org.ipythonblocks.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The one shape of every error the site answers as JSON: {@code {"title": …, "status": …, "detail": …}}
 * (the members of RFC 9457 problem details the site uses), or, for a body the site refuses,
 * {@code "violations"} instead of {@code "detail"}: every field and what is wrong with it.
 */
public final class ProblemJson {

    private ProblemJson() {
    }

    public static Response response(int status, String title, String detail) {
        return json(status, body(status, title, "detail", detail));
    }

    /** A refused body: {@code violations} lists {@code {"field": …, "message": …}} objects. */
    public static Response violations(int status, String title, List<?> violations) {
        return json(status, body(status, title, "violations", violations));
    }

    /** The same body as text, for answers written straight to Vert.x (no JAX-RS serializer there). */
    public static String text(int status, String title, String detail) {
        return "{\"title\":" + quoted(title) + ",\"status\":" + status + ",\"detail\":" + quoted(detail) + "}";
    }

    /** A refused body as text, for Vert.x: {@code violations} from field → message pairs, in order. */
    public static String violationsText(int status, String title, List<Map.Entry<String, String>> violations) {
        StringBuilder json = new StringBuilder("{\"title\":").append(quoted(title)).append(",\"status\":").append(status)
                .append(",\"violations\":[");
        for (int i = 0; i < violations.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"field\":").append(quoted(violations.get(i).getKey()))
                    .append(",\"message\":").append(quoted(violations.get(i).getValue())).append('}');
        }
        return json.append("]}").toString();
    }

    private static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    private static Map<String, Object> body(int status, String title, String last, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put(last, value);
        return body;
    }

    private static Response json(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
