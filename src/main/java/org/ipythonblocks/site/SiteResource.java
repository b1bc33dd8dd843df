package org.ipythonblocks.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ipythonblocks.grid.GridService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The site's own pages. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SiteResource {

    @Inject
    GridService grids;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long publicGrids);
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(grids.publicGridCount());
    }
}
