package org.ipythonblocks.site;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.ipythonblocks.web.Routes;
import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.web.CachedResponses;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.web.RenderedOutput;
import org.ipythonblocks.grid.GridService;
import org.jboss.logging.Logger;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The site's own pages, home, about and privacy, served by Vert.x routes (not a JAX-RS resource). All are rendered once at start-up and then served as
 * bytes by plain Vert.x routes on the I/O thread (the busiest page of the site needs no JAX-RS
 * machinery); a background thread re-renders the home page every {@value #HOME_REFRESH_SECONDS} s
 * with a fresh grid count, so a busy home page costs no database work and no thread hand-off.
 *
 * <p>Each page is kept as a ready {@link Buffer} over direct memory, written as it is to every
 * response: {@code Buffer.buffer(byte[])} would copy the page into a new heap buffer per request, and
 * Netty would copy that again into a direct buffer for the socket (a tenth of the home page's time).
 */
@Singleton
public class SitePages {

    private static final Logger LOG = Logger.getLogger(SitePages.class);
    static final String HTML = "text/html;charset=UTF-8";
    private static final CharSequence HTML_TYPE = HttpHeaders.createOptimized(HTML);
    static final int HOME_REFRESH_SECONDS = 60;

    @Inject
    GridService grids;

    @Inject
    IpbConfig config;

    private volatile Page homePage;
    private volatile Page aboutPage;
    private volatile Page privacyPage;
    private ScheduledExecutorService refresher;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long publicGrids, GridData demo);

        static native TemplateInstance about(String baseUrl);

        static native TemplateInstance privacy(String reportUrl);
    }

    /** The first visitor after a cold start gets a page already rendered. */
    void renderAtStartup(@Observes StartupEvent event) {
        aboutPage = Page.of(Templates.about(config.publicBaseUrl()).render());
        privacyPage = Page.of(Templates.privacy(config.reportUrl().orElse(null)).render());
        renderHome();
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ipb-home-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshHome, HOME_REFRESH_SECONDS, HOME_REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void stopRefreshing(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    void routes(@Observes Router router) {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.route(method, "/").order(Routes.Order.SITE_PAGES_ROUTE).handler(rc -> serve(rc, homePage));
            router.route(method, "/about").order(Routes.Order.SITE_PAGES_ROUTE).handler(rc -> serve(rc, aboutPage));
            router.route(method, Routes.PRIVACY).order(Routes.Order.SITE_PAGES_ROUTE).handler(rc -> serve(rc, privacyPage));
        }
    }

    /**
     * A rendered page as it is sent: plain and gzipped (compressed once, when rendered), each with its
     * strong ETag; browsers revalidate ({@code no-cache}) and get a 304 until the page changes.
     */
    record Page(RenderedOutput output, Buffer plain, Buffer gzip, CharSequence etag, CharSequence gzipEtag) {
        static Page of(String html) {
            RenderedOutput output = RenderedOutput.text(html.getBytes(StandardCharsets.UTF_8), HTML);
            byte[] gzip = output.gzip();
            return new Page(output, direct(output.body()), gzip == null ? null : direct(gzip), HttpHeaders.createOptimized(output.etag()),
                    gzip == null ? null : HttpHeaders.createOptimized(output.gzipEtag()));
        }
    }

    private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");

    private static void serve(RoutingContext rc, Page page) {
        boolean gzip = page.gzip() != null && CachedResponses.acceptsGzip(rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        CharSequence etag = gzip ? page.gzipEtag() : page.etag();
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, HTML_TYPE).putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE).putHeader(HttpHeaders.VARY, ACCEPT_ENCODING);
        if (CachedResponses.matches(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), page.output())) {
            rc.response().setStatusCode(304).end();
        } else if (gzip) {
            rc.response().putHeader(HttpHeaders.CONTENT_ENCODING, GZIP).end(page.gzip());
        } else {
            rc.response().end(page.plain());
        }
    }

    /**
     * Bytes in a JDK direct buffer (freed by the garbage collector once a refresh replaced it);
     * every write gets its own view of it ({@code Buffer.getByteBuf()} duplicates), so one buffer
     * serves all requests on all event loops.
     */
    static Buffer direct(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }

    private void refreshHome() {
        try {
            renderHome();
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the home page (keeping the last one): %s", e.getMessage());
        }
    }

    @ActivateRequestContext
    void renderHome() {
        homePage = Page.of(Templates.home(grids.publicGridCount(), SiteGrids.HOME).render());
    }
}
