package org.ipythonblocks.site;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.ipythonblocks.web.Routes;
import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.web.RenderedOutput;
import org.ipythonblocks.gallery.RecentGrids;
import org.ipythonblocks.grid.GridsChanged;
import org.jboss.logging.Logger;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The site's own pages, home, about and privacy, served by Vert.x routes (not a JAX-RS resource). All are
 * rendered once, by a background thread as the process starts, and then served as bytes by plain Vert.x
 * routes on the I/O thread (the busiest page of the site needs no JAX-RS machinery); the same thread
 * re-renders the home page every {@value #HOME_REFRESH_SECONDS} s with a fresh grid count, so a busy home
 * page costs no database work and no thread hand-off.
 *
 * <p>The first rendering is off the start-up path: the port opens without waiting for the home page's
 * count and strip (a database connection, two queries, three templates), and a request for one of these
 * pages in the moment before they are ready waits for them without holding a thread. That wait is
 * bounded by the database's own deadlines (a connection in 5 s, a statement in 5 s). When the database is
 * down at start-up, the home page goes without its count and strip until the refresher reads them: the
 * process starts, and home, about and privacy answer, all the same.
 *
 * <p>Each page is kept as {@link DirectOutput}, over direct memory, written as it is to every
 * response (copying it per request was a tenth of the home page's time).
 */
@Singleton
public class SitePages {

    private static final Logger LOG = Logger.getLogger(SitePages.class);
    /** The home page is read again this often, for grids posted to other processes (this one's posts refresh it at once). */
    static final int HOME_REFRESH_SECONDS = 10;
    /** After a post or a takedown here, the home page is rendered again this soon (several in a burst: once). */
    static final int HOME_AFTER_CHANGE_MILLIS = 300;

    @Inject
    RecentGrids recent;

    private final AtomicBoolean refreshPending = new AtomicBoolean();
    /** Completed when the first rendering is done (with or without the database). */
    private volatile CompletableFuture<Void> rendered = new CompletableFuture<>();

    @Inject
    IpbConfig config;

    private volatile DirectOutput homePage;
    private volatile DirectOutput aboutPage;
    private volatile DirectOutput privacyPage;
    private ScheduledExecutorService refresher;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long publicGrids, GridData demo, List<RecentGrids.Tile> latest);

        static native TemplateInstance about(String baseUrl);

        static native TemplateInstance privacy(String reportUrl);
    }

    /** Starts the first rendering on the refresher's thread; start-up goes on without waiting for it. */
    void renderAtStartup(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ipb-home-refresh");
            thread.setDaemon(true);
            return thread;
        });
        renderInBackground();
        refresher.scheduleWithFixedDelay(this::refreshHome, HOME_REFRESH_SECONDS, HOME_REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** Renders every page on the refresher's thread; until that is done, requests for them wait. */
    void renderInBackground() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        rendered = done;
        refresher.execute(() -> {
            try {
                renderPages();
            } finally {
                done.complete(null);
            }
        });
    }

    /** Every page; the home page without its count and strip when the database cannot give them. */
    void renderPages() {
        aboutPage = page(Templates.about(config.publicBaseUrl()).render());
        privacyPage = page(Templates.privacy(config.reportUrl().orElse(null)).render());
        if (!refreshHome()) {
            homePage = page(Templates.home(-1, SiteGrids.HOME, List.of()).render());
        }
    }

    /** A public grid stored here, or a takedown here or announced by another process: shown within a moment. */
    void refreshOnChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) GridsChanged change) {
        if (change.publicListsChanged()) {
            refreshSoon();
        }
    }

    private void refreshSoon() {
        ScheduledExecutorService executor = refresher;
        if (executor != null && refreshPending.compareAndSet(false, true)) {
            try {
                executor.schedule(() -> {
                    refreshPending.set(false);
                    refreshHome();
                }, HOME_AFTER_CHANGE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshPending.set(false); // shutting down
            }
        }
    }

    void stopRefreshing(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    void routes(@Observes Router router) {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.route(method, "/").order(Routes.Order.SITE_PAGES_ROUTE).handler(rc -> serve(rc, () -> homePage));
            router.route(method, "/about").order(Routes.Order.SITE_PAGES_ROUTE).handler(rc -> serve(rc, () -> aboutPage));
            router.route(method, Routes.PRIVACY).order(Routes.Order.SITE_PAGES_ROUTE).handler(rc -> serve(rc, () -> privacyPage));
        }
        for (String path : new String[] { "/", "/about", Routes.PRIVACY }) {
            // any other method: 405 with Allow (RouteFailures), as Quarkus REST answers its own GET routes
            router.route(path).order(Routes.Order.SITE_PAGES_ROUTE + 1).handler(rc -> rc.fail(405));
        }
    }

    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    /**
     * Browsers revalidate ({@code no-cache}) and get a 304 until the page changes. Before the first
     * rendering is done, the request waits for it on no thread, and is answered on its own event loop.
     */
    private void serve(RoutingContext rc, Supplier<DirectOutput> page) {
        CompletableFuture<Void> done = rendered;
        if (done.isDone()) {
            page.get().serve(rc, NO_CACHE);
            return;
        }
        Context context = Vertx.currentContext();
        done.whenComplete((ignored, failure) -> context.runOnContext(event -> page.get().serve(rc, NO_CACHE)));
    }

    static DirectOutput page(String html) {
        return DirectOutput.of(RenderedOutput.html(html));
    }

    /** Whether the home page was rendered with a fresh count and strip (else the last one stays). */
    private boolean refreshHome() {
        try {
            renderHome();
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the home page (keeping the last one): %s", e.getMessage());
            return false;
        }
    }

    void renderHome() {
        RecentGrids.Strip strip = recent.strip();
        homePage = page(Templates.home(strip.publicGrids(), SiteGrids.HOME, strip.latest()).render());
    }
}
