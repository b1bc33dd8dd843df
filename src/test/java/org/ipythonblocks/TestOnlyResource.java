package org.ipythonblocks;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.grid.GridRef;
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
        return grids.find(new GridRef(false, id)).map(g -> "<p>grid " + g.id + "</p>").orElse("<p>none</p>");
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

    /** Another site's page that frames two addresses (served on 127.0.0.1 while the frames name localhost: another origin). */
    @GET
    @Path("framer")
    @jakarta.ws.rs.Produces("text/html")
    public Response framer(@org.jboss.resteasy.reactive.RestQuery String first, @org.jboss.resteasy.reactive.RestQuery String second) {
        String page = "<!DOCTYPE html><title>another site</title><iframe id=\"first\" src=\"" + first.replace("\"", "")
                + "\"></iframe><iframe id=\"second\" src=\"" + second.replace("\"", "") + "\"></iframe>";
        return Response.ok(page).header("Content-Security-Policy", "frame-src *").build();
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("a bug, on purpose");
    }
}
