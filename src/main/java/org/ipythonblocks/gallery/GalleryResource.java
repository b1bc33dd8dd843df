package org.ipythonblocks.gallery;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.web.OutputResponses;
import org.ipythonblocks.web.RenderedOutput;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code /recent}: the newest public grids, a small picture of each linking to its page, with older
 * and newer links ({@code ?before=<id>}, {@code ?after=<id>}); {@code /recent.atom}: the same newest
 * grids as an Atom feed with their pictures. Browsers revalidate each time ({@code no-cache}) and get
 * a 304 while the page is unchanged.
 */
@Path("/")
public class GalleryResource {

    static final String ATOM = "application/atom+xml;charset=UTF-8";

    @Inject
    RecentGrids recent;

    @Inject
    IpbConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance recent(RecentGrids.Page page, boolean first);

        static native TemplateInstance feed(RecentGrids.Page page, String baseUrl, String updated);
    }

    @GET
    @Path("recent")
    public Response recent(@RestQuery String before, @RestQuery String after, HttpHeaders headers) {
        RecentGrids.Cursor cursor = recent.cursor(before, after);
        return fresh(recent.rendered("html", cursor, page -> RenderedOutput.html(
                Templates.recent(page, cursor == RecentGrids.Cursor.NEWEST).render())), headers);
    }

    @GET
    @Path("recent.atom")
    public Response feed(HttpHeaders headers) {
        return fresh(recent.rendered("atom", RecentGrids.Cursor.NEWEST, page -> RenderedOutput.text(Templates.feed(page,
                config.publicBaseUrl(), page.tiles().isEmpty() ? OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString()
                        : page.tiles().get(0).postedIso()).render().getBytes(StandardCharsets.UTF_8), ATOM)), headers);
    }

    /** ETag and 304 as for every output, but revalidated on every visit: new grids appear, taken-down ones go. */
    private static Response fresh(RenderedOutput output, HttpHeaders headers) {
        return OutputResponses.of(output, "no-cache", headers);
    }
}
