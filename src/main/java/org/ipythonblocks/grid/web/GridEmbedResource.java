package org.ipythonblocks.grid.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.web.Routes;
import org.ipythonblocks.web.SiteOrigin;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.vertx.core.http.HttpServerRequest;

/**
 * Grids in other people's pages: {@code /embed/<id>} (and {@code /embed/secret/<id>}) is a page with
 * only the grid, the one kind of page other sites may frame (see
 * {@code org.ipythonblocks.web.SecurityHeaders}); {@code /oembed} answers the
 * <a href="https://oembed.com">oEmbed</a> question "how do I embed this link?" for blogs and chat
 * tools, which find it through the grid page's {@code <link rel="alternate" type="application/json+oembed">}.
 */
@Path("/")
public class GridEmbedResource {

    @Inject
    GridOutputs outputs;

    @Inject
    SiteOrigin site;

    @GET
    @Path(Routes.EMBED_PREFIX + Routes.ID)
    public Response publicEmbed(@RestPath String id, HttpHeaders headers) {
        return GridPageResource.answer(new GridRef(false, id), outputs::embed, headers);
    }

    @GET
    @Path(Routes.EMBED_PREFIX + "secret/" + Routes.ID)
    public Response secretEmbed(@RestPath String id, HttpHeaders headers) {
        return GridPageResource.answer(new GridRef(true, id), outputs::embed, headers);
    }

    /**
     * oEmbed 1.0, JSON only: {@code url} is a grid page of this site; {@code maxwidth} and
     * {@code maxheight} bound the iframe. A {@code format} other than json is 501, as the oEmbed
     * specification asks; a URL that is not one of our grids is 404.
     */
    @GET
    @Path(Routes.OEMBED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response oembed(@RestQuery String url, @RestQuery String format, @RestQuery String maxwidth, @RestQuery String maxheight,
            HttpServerRequest request) {
        if (format != null && !format.equalsIgnoreCase("json")) {
            throw new Problem(501, "Format not supported",
                    "Only format=json is offered; got \"" + Problem.shown(format, 60) + "\".");
        }
        if (url == null || url.isBlank()) {
            throw new Problem("Missing url", "Give the address of a grid page as ?url=, e.g. "
                    + outputs.publicBaseUrl() + "/bizkiL.");
        }
        int maxWidth = bound("maxwidth", maxwidth, GridLinks.EMBED_MAX_WIDTH);
        int maxHeight = bound("maxheight", maxheight, Integer.MAX_VALUE);
        GridRef ref = GridRef.parse(url, site.hosts(request)).orElseThrow(() -> new NotFoundException(
                "\"" + Problem.shown(url, 60) + "\" is not the address of a grid on " + outputs.publicBaseUrl()));
        Grid grid = outputs.find(ref).orElseThrow(() -> GridPageResource.notFound(ref.id(), ref.secret()));
        GridLinks links = GridLinks.of(outputs.publicBaseUrl(), ref, grid.gridData,
                GridLinks.EmbedSize.of(GridImages.layout(grid.gridData), maxWidth, maxHeight));

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", "1.0");
        answer.put("type", "rich");
        answer.put("title", GridOutputs.title(ref, grid));
        answer.put("provider_name", "ipythonblocks.org");
        answer.put("provider_url", outputs.publicBaseUrl() + "/");
        answer.put("cache_age", 86400); // a day, as the grid's pictures and JSON (OutputResponses)
        answer.put("html", links.embedCode());
        answer.put("width", links.embedSize().width());
        answer.put("height", links.embedSize().height());
        if (links.preview() != null) {
            answer.put("thumbnail_url", links.preview());
            answer.put("thumbnail_width", GridImages.PREVIEW_WIDTH);
            answer.put("thumbnail_height", GridImages.PREVIEW_HEIGHT);
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, ref.secret() ? "private, max-age=86400" : "public, max-age=86400")
                .build();
    }

    private static int bound(String name, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 50 && parsed <= 100_000) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Problem("Bad " + name, name + " must be a whole number of pixels from 50 to 100000; got \""
                + Problem.shown(value, 60) + "\".");
    }
}
