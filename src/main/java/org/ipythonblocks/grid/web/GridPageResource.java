package org.ipythonblocks.grid.web;

import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.RandomGridIds;
import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.web.OutputResponses;
import org.ipythonblocks.web.RenderedOutput;
import org.ipythonblocks.web.Routes;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The HTML side of grids: a page per grid ({@code /<id>}, {@code /secret/<id>}), its pictures
 * ({@code /<id>.png}, {@code /<id>.svg}, optionally {@code ?scale=}), the social preview of public
 * grids ({@code /preview/<id>.png}), their gallery tiles ({@code /tile/<id>.png}), and {@code /random}.
 * Everything drawn from a grid is answered by {@link OutputResponses} (ETag, 304, gzip, how long caches
 * keep it). Trailing slashes are redirected away before
 * routing ({@code org.ipythonblocks.web.TrailingSlashRedirect}); unknown ids become the 404 page.
 */
@Path("/")
public class GridPageResource {

    @Inject
    GridOutputs outputs;

    @Inject
    RandomGridIds randomIds;

    @GET
    @Path(Routes.ID)
    public Response publicGrid(@RestPath String id, HttpHeaders headers) {
        return answer(new GridRef(false, id), outputs::page, headers);
    }

    /** Secret pages stay out of search engines and never leak their URL to the sites they link to. */
    @GET
    @Path("secret/" + Routes.ID)
    public Response secretGrid(@RestPath String id, HttpHeaders headers) {
        return answer(new GridRef(true, id), outputs::page, headers);
    }

    @GET
    @Path(Routes.ID + ".png")
    public Response publicPng(@RestPath String id, @RestQuery String scale, HttpHeaders headers) {
        return answer(new GridRef(false, id), ref -> outputs.png(ref, GridImages.parseScale(scale)), headers);
    }

    @GET
    @Path("secret/" + Routes.ID + ".png")
    public Response secretPng(@RestPath String id, @RestQuery String scale, HttpHeaders headers) {
        return answer(new GridRef(true, id), ref -> outputs.png(ref, GridImages.parseScale(scale)), headers);
    }

    @GET
    @Path(Routes.ID + ".svg")
    public Response publicSvg(@RestPath String id, @RestQuery String scale, HttpHeaders headers) {
        return answer(new GridRef(false, id), ref -> outputs.svg(ref, GridImages.parseScale(scale)), headers);
    }

    @GET
    @Path("secret/" + Routes.ID + ".svg")
    public Response secretSvg(@RestPath String id, @RestQuery String scale, HttpHeaders headers) {
        return answer(new GridRef(true, id), ref -> outputs.svg(ref, GridImages.parseScale(scale)), headers);
    }

    /** The grid's code as a notebook to download, ending with a cell that loads the grid. */
    @GET
    @Path(Routes.ID + ".ipynb")
    public Response publicNotebook(@RestPath String id, HttpHeaders headers) {
        return download(new GridRef(false, id), outputs::notebook, "ipynb", headers);
    }

    @GET
    @Path("secret/" + Routes.ID + ".ipynb")
    public Response secretNotebook(@RestPath String id, HttpHeaders headers) {
        return download(new GridRef(true, id), outputs::notebook, "ipynb", headers);
    }

    /** The same cells as a script with {@code # %%} cell markers. */
    @GET
    @Path(Routes.ID + ".py")
    public Response publicScript(@RestPath String id, HttpHeaders headers) {
        return download(new GridRef(false, id), outputs::script, "py", headers);
    }

    @GET
    @Path("secret/" + Routes.ID + ".py")
    public Response secretScript(@RestPath String id, HttpHeaders headers) {
        return download(new GridRef(true, id), outputs::script, "py", headers);
    }

    /** The 1200×630 picture social sites show for a link to a public grid; secret grids have none. */
    @GET
    @Path(Routes.PREVIEW_PREFIX + Routes.ID + ".png")
    public Response preview(@RestPath String id, HttpHeaders headers) {
        return answer(new GridRef(false, id), ref -> outputs.preview(ref.id()), headers);
    }

    /**
     * A public grid's picture in a gallery (/recent, its feed, the home page), small and square: 1× or
     * {@code ?scale=2}. Secret grids have none.
     */
    @GET
    @Path(Routes.TILE_PREFIX + Routes.ID + ".png")
    public Response tile(@RestPath String id, @RestQuery String scale, HttpHeaders headers) {
        return answer(new GridRef(false, id), ref -> outputs.tile(ref.id(), GridImages.parseScale(scale)), headers);
    }

    /**
     * 303 to a random public grid with a relative {@code Location}, as the original answered (set as
     * a plain header: a {@code URI} location would be made absolute). No public grid yet: a page
     * that says so.
     */
    @GET
    @Path("random")
    @Produces(MediaType.TEXT_HTML)
    public Response random() {
        return randomIds.next()
                .map(id -> Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, "/" + id))
                .orElseGet(() -> Response.ok(outputs.noGridsPage(), RenderedOutput.HTML))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** The output {@code render} makes of the grid {@code ref} names, answered as every output is; 404 when there is no such grid. */
    static Response answer(GridRef ref, Function<GridRef, Optional<RenderedOutput>> render, HttpHeaders headers) {
        return OutputResponses.of(render.apply(ref).orElseThrow(() -> notFound(ref.id(), ref.secret())), ref.secret(), headers);
    }

    /** A file to save, not to show: cached like every output, with the name to save it as. */
    private static Response download(GridRef ref, Function<GridRef, Optional<RenderedOutput>> render, String extension,
            HttpHeaders headers) {
        Response answer = answer(ref, render, headers);
        answer.getHeaders().add("Content-Disposition", "attachment; filename=\"" + GridNotebooks.fileName(ref, extension) + "\"");
        return answer;
    }

    static NotFoundException notFound(String id, boolean secret) {
        return new NotFoundException("No " + (secret ? "secret" : "public") + " grid has the id " + id);
    }
}
