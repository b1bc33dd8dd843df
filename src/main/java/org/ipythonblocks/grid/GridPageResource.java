package org.ipythonblocks.grid;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.IpbConfig;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML side of grids: a page per grid ({@code /<id>}, {@code /secret/<id>}), its PNG
 * ({@code /<id>.png}), and {@code /random}. Trailing slashes are redirected away before routing
 * ({@code org.ipythonblocks.site.TrailingSlashRedirect}); unknown ids become the 404 page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class GridPageResource {

    static final String PNG = "image/png";
    static final String HTML = "text/html;charset=UTF-8";
    private static final String ID = "{id: " + GridIds.ID_REGEX + "}";

    @Inject
    GridService grids;

    @Inject
    GridOutputCache cache;

    @Inject
    IpbConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance grid(GridColumns grid, String id, String imagePath, String reportUrl);

        static native TemplateInstance noGrids();
    }

    @GET
    @Path(ID)
    public Response publicGrid(@RestPath String id) {
        return Response.ok(page(id, false), HTML).build();
    }

    /** Secret pages stay out of search engines and never leak their URL to the sites they link to. */
    @GET
    @Path("secret/" + ID)
    public Response secretGrid(@RestPath String id) {
        return secret(Response.ok(page(id, true), HTML));
    }

    @GET
    @Path(ID + ".png")
    @Produces(PNG)
    public byte[] publicPng(@RestPath String id) {
        return png(id, false);
    }

    @GET
    @Path("secret/" + ID + ".png")
    @Produces(PNG)
    public Response secretPng(@RestPath String id) {
        return secret(Response.ok(png(id, true), PNG));
    }

    /** The rendered page: from the output cache, or one read and one render, then cached. */
    private byte[] page(String id, boolean secret) {
        String image = (secret ? "/secret/" : "/") + id + ".png";
        return cache.get(GridOutputCache.Kind.PAGE, secret, id,
                () -> find(id, secret).map(grid -> Templates.grid(grid, id, image, config.reportUrl().orElse(null)).render().getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(() -> notFound(id, secret));
    }

    private byte[] png(String id, boolean secret) {
        return cache.get(GridOutputCache.Kind.PNG, secret, id, () -> find(id, secret).map(grid -> GridImages.png(grid.gridData)))
                .orElseThrow(() -> notFound(id, secret));
    }

    private Optional<? extends GridColumns> find(String id, boolean secret) {
        return secret ? grids.findSecret(id) : grids.findPublic(id);
    }

    private static NotFoundException notFound(String id, boolean secret) {
        return new NotFoundException("No " + (secret ? "secret" : "public") + " grid has the id " + id);
    }

    /**
     * 303 to a random public grid with a relative {@code Location}, as the original answered (set as
     * a plain header: a {@code URI} location would be made absolute). No public grid yet: a page
     * that says so.
     */
    @GET
    @Path("random")
    public Response random() {
        return grids.randomPublicId()
                .map(id -> Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, "/" + id))
                .orElseGet(() -> Response.ok(Templates.noGrids()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static Response secret(Response.ResponseBuilder response) {
        return response.header("Referrer-Policy", "no-referrer").build();
    }
}
