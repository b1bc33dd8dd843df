package org.ipythonblocks.grid.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only: a view that found every render turn taken until its deadline, as a real one would answer. */
@Path("/test-only/busy")
public class BusyResource {

    @GET
    @Produces({ MediaType.TEXT_HTML, MediaType.APPLICATION_JSON })
    public String busy() {
        throw RenderTurns.busy();
    }
}
