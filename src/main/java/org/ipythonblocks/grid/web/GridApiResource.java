package org.ipythonblocks.grid.web;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.post.PostIntake;
import org.ipythonblocks.web.Routes;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The JSON API the unmodified {@code ipythonblocks} client (1.6 to 1.9.1) talks to: {@code POST /post}
 * from {@code grid.post_to_web()}, {@code GET /get/…} from {@code BlockGrid.from_web()}. It answers
 * JSON whatever {@code Accept} says, as the original did (no {@code @Produces}, so nothing is
 * negotiated): the client sends {@code Accept: *}{@code /*}, and a browser or curl asking for
 * {@code text/html} gets the JSON too rather than a 406.
 */
@Path("/")
public class GridApiResource {

    @Inject
    PostIntake intake;

    @Inject
    GridOutputs outputs;

    /**
     * Stores a grid. The client sends its JSON with no Content-Type at all, so the body is read as
     * JSON whatever the header says.
     */
    @POST
    @Path(Routes.POST)
    @Consumes(MediaType.WILDCARD)
    public Response post(InputStream body, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
        PostIntake.Posted posted = intake.post(body, contentLength == null ? -1 : contentLength);
        // delete_token is an extra key: the notebook client reads only "url".
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("url", posted.url());
        answer.put("delete_token", posted.deleteToken());
        return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The grid's JSON as stored; cached like every other output of a grid (ETag, 304, gzip). */
    @GET
    @Path(Routes.GET_PREFIX + Routes.ID)
    public Response get(@RestPath String id, HttpHeaders headers) {
        return GridPageResource.answer(new GridRef(false, id), outputs::json, headers);
    }

    @GET
    @Path(Routes.GET_PREFIX + "secret/" + Routes.ID)
    public Response getSecret(@RestPath String id, HttpHeaders headers) {
        return GridPageResource.answer(new GridRef(true, id), outputs::json, headers);
    }
}
