package org.ipythonblocks.site;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: an endpoint that fails, to see what a visitor gets from an unexpected error. */
@Path("/test-only/fail")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("a failure only the log may show");
    }
}
