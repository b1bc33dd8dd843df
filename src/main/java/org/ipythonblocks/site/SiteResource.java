package org.ipythonblocks.site;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridService;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.StartupEvent;

/**
 * The site's own pages: home and about. Both are rendered once at start-up and then served as
 * bytes; the home page's grid count is refreshed at most once a {@value #HOME_REFRESH_SECONDS} s,
 * so a busy home page costs no database work.
 */
@Path("/")
@Singleton
public class SiteResource {

    static final String HTML = "text/html;charset=UTF-8";
    static final int HOME_REFRESH_SECONDS = 60;

    @Inject
    GridService grids;

    @Inject
    IpbConfig config;

    private volatile byte[] homePage;
    private volatile long homeRenderedAt;
    private volatile byte[] aboutPage;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long publicGrids, GridData demo);

        static native TemplateInstance about(String baseUrl);
    }

    /** The first visitor after a cold start gets a page already rendered. */
    void renderAtStartup(@Observes StartupEvent event) {
        aboutPage = Templates.about(config.publicBaseUrl()).render().getBytes(StandardCharsets.UTF_8);
        renderHome();
    }

    @GET
    public Response home() {
        if (System.nanoTime() - homeRenderedAt > HOME_REFRESH_SECONDS * 1_000_000_000L) {
            renderHome();
        }
        return Response.ok(homePage, HTML).build();
    }

    @GET
    @Path("about")
    public Response about() {
        return Response.ok(aboutPage, HTML).build();
    }

    private synchronized void renderHome() {
        if (homePage != null && System.nanoTime() - homeRenderedAt <= HOME_REFRESH_SECONDS * 1_000_000_000L) {
            return; // another request just did it
        }
        homePage = Templates.home(grids.publicGridCount(), SiteGrids.HOME).render().getBytes(StandardCharsets.UTF_8);
        homeRenderedAt = System.nanoTime();
    }
}
