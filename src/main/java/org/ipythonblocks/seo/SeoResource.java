package org.ipythonblocks.seo;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.web.OutputResponses;
import org.ipythonblocks.web.RenderedOutput;
import org.jboss.resteasy.reactive.RestPath;

/**
 * What crawlers read: {@code /robots.txt} (keeps them out of secret grids, embeds and the JSON API,
 * and names the sitemap) and the sitemap ({@link Sitemaps}). Both may be kept an hour by anyone.
 */
@Path("/")
public class SeoResource {

    /** Crawlers and shared caches may keep robots.txt and the sitemap an hour. */
    static final String CACHE_CONTROL = "public, max-age=3600";

    @Inject
    Sitemaps sitemaps;

    @Inject
    IpbConfig config;

    @GET
    @Path("robots.txt")
    @Produces("text/plain;charset=UTF-8")
    public Response robots() {
        String robots = """
                # ipythonblocks.org: secret grids, embeds (frames for other sites) and the JSON API are not for search engines.
                User-agent: *
                Disallow: /secret/
                Disallow: /embed/
                Disallow: /get/

                Sitemap: %s/sitemap.xml
                """.formatted(config.publicBaseUrl());
        return Response.ok(robots).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }

    @GET
    @Path("sitemap.xml")
    public Response index(HttpHeaders headers) {
        return answer(sitemaps.index(), headers);
    }

    @GET
    @Path("sitemap-pages.xml")
    public Response pages(HttpHeaders headers) {
        return answer(sitemaps.pages(), headers);
    }

    @GET
    @Path("sitemap-{n: [0-9]{1,9}}.xml")
    public Response grids(@RestPath int n, HttpHeaders headers) {
        return answer(sitemaps.grids(n).orElseThrow(() -> new NotFoundException("The sitemap index lists no file " + n)), headers);
    }

    private static Response answer(RenderedOutput output, HttpHeaders headers) {
        return OutputResponses.of(output, CACHE_CONTROL, headers);
    }
}
