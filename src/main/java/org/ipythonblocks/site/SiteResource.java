package org.ipythonblocks.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The site's own pages: home and about. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SiteResource {

    @Inject
    GridService grids;

    @Inject
    IpbConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long publicGrids, GridData demo);

        static native TemplateInstance about(String baseUrl);
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(grids.publicGridCount(), SiteGrids.HOME);
    }

    @GET
    @Path("about")
    public TemplateInstance about() {
        return Templates.about(config.publicBaseUrl());
    }
}
