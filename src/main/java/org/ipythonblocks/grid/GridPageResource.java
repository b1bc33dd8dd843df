package org.ipythonblocks.grid;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    private static final String ID = "{id: " + GridIds.ID_REGEX + "}";

    @Inject
    GridService grids;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance grid(GridColumns grid, String id, String imagePath);

        static native TemplateInstance noGrids();
    }

    @GET
    @Path(ID)
    public TemplateInstance publicGrid(@RestPath String id) {
        return Templates.grid(findPublic(id), id, "/" + id + ".png");
    }

    /** Secret pages stay out of search engines and never leak their URL to the sites they link to. */
    @GET
    @Path("secret/" + ID)
    public Response secretGrid(@RestPath String id) {
        return secret(Templates.grid(findSecret(id), id, "/secret/" + id + ".png"));
    }

    @GET
    @Path(ID + ".png")
    @Produces(PNG)
    public byte[] publicPng(@RestPath String id) {
        return GridImages.png(findPublic(id).gridData);
    }

    @GET
    @Path("secret/" + ID + ".png")
    @Produces(PNG)
    public Response secretPng(@RestPath String id) {
        return secret(GridImages.png(findSecret(id).gridData));
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

    private PublicGrid findPublic(String id) {
        return grids.findPublic(id).orElseThrow(() -> new NotFoundException("No public grid has the id " + id));
    }

    private SecretGrid findSecret(String id) {
        return grids.findSecret(id).orElseThrow(() -> new NotFoundException("No secret grid has the id " + id));
    }

    private static Response secret(Object entity) {
        return Response.ok(entity).header("Referrer-Policy", "no-referrer").build();
    }
}
