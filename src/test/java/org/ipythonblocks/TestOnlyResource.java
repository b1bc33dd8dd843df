package org.ipythonblocks;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.grid.GridService;
import org.jboss.resteasy.reactive.RestPath;

/** Routes that exist only in the tests, to reach error paths the site's own pages reach on other branches. */
@Path("/test-only")
@Produces(MediaType.TEXT_HTML)
public class TestOnlyResource {

    @Inject
    GridService grids;

    /** An HTML route that looks a public grid up the way the grid page does. */
    @GET
    @Path("page/{id}")
    public String page(@RestPath String id) {
        return grids.findPublic(id).map(g -> "<p>grid " + g.id + "</p>").orElse("<p>none</p>");
    }

    @GET
    @Path("no-referrer")
    public Response noReferrer() {
        return Response.ok("<p>secret</p>").header("Referrer-Policy", "no-referrer").build();
    }

    @GET
    @Path("lenient-referrer")
    public Response lenientReferrer() {
        return Response.ok("<p>x</p>").header("Referrer-Policy", "unsafe-url").build();
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("a bug, on purpose");
    }
}
