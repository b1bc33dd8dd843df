package org.ipythonblocks.seo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.ChangeCount;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridsChanged;
import org.ipythonblocks.grid.PublicGrid;
import org.ipythonblocks.web.RenderedOutput;

/**
 * The sitemap (sitemaps.org 0.9) of every public grid anyone may see, in files of at most
 * {@value #GRIDS_PER_FILE} URLs, so it stays cheap at a million grids and more:
 * <ul>
 * <li>{@code /sitemap.xml}, the index, needs only {@code max(id)}: file {@code n} covers the row ids
 * in ({@code n}×{@value #GRIDS_PER_FILE}, ({@code n}+1)×{@value #GRIDS_PER_FILE}], so the index
 * lists {@code ceil(max(id) / }{@value #GRIDS_PER_FILE}{@code )} files and the site's own pages
 * ({@code /sitemap-pages.xml});</li>
 * <li>each file is one range scan of the primary key ({@link PublicGrid#listedInRange}), never an
 * {@code OFFSET}; hidden and deleted grids are left out, which only makes a file shorter, and secret
 * grids are in another table;</li>
 * <li>what is rendered is kept {@value #KEEP_MINUTES} minutes (at most {@value #MAX_CACHED_BYTES}
 * bytes, least recently used out first), and answered with an {@code ETag} and gzip like every
 * other output ({@link org.ipythonblocks.web.OutputResponses}).</li>
 * </ul>
 */
@ApplicationScoped
public class Sitemaps {

    /** The sitemaps.org limit per file (the other limit, 50 MB, is far away: about 85 bytes a URL). */
    public static final int GRIDS_PER_FILE = 50_000;
    static final String XML = "application/xml;charset=UTF-8";
    static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final int KEEP_MINUTES = 60;
    /**
     * A full file is about 4.3 MB, weighed with room for its gzip form at 6.5 MB: the newest file, the index
     * and the pages' are kept, crawlers fetch the older ones rarely.
     */
    static final long MAX_CACHED_BYTES = 8L * 1024 * 1024;
    private static final String INDEX = "index";
    private static final String PAGES = "pages";

    @Inject
    IpbConfig config;

    @Inject
    GridIds ids;

    private final Cache<String, RenderedOutput> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_BYTES)
            .weigher(RenderedOutput::weigh)
            .expireAfterWrite(Duration.ofMinutes(KEEP_MINUTES))
            .build();
    private final ChangeCount changes = new ChangeCount();

    /** The sitemap index: the site's pages, then one file per {@value #GRIDS_PER_FILE} row ids. */
    public RenderedOutput index() {
        return changes.get(cache, INDEX, key -> renderIndex());
    }

    /** The site's own pages that crawlers should find (the gallery's first page; its later pages are noindex). */
    public RenderedOutput pages() {
        return changes.get(cache, PAGES, key -> urlset(List.of(new Url(base() + "/", null), new Url(base() + "/about", null),
                new Url(base() + "/recent", null), new Url(base() + org.ipythonblocks.web.Routes.PRIVACY, null))));
    }

    /** File {@code n} of the public grids; empty when the index does not list it. */
    public Optional<RenderedOutput> grids(int n) {
        if (n < 0 || n >= fileCount()) {
            return Optional.empty();
        }
        return Optional.of(changes.get(cache, Integer.toString(n), key -> renderGrids(n)));
    }

    /**
     * A grid taken down or shown again, here once it committed or in another process when its
     * notification arrives, forgets every file (takedowns are rare, and a file is rendered again in
     * about a second); a missed notification at the latest after {@value #KEEP_MINUTES} minutes, and a
     * crawler that follows the link meanwhile gets its 410. New grids appear when a file expires.
     */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) GridsChanged change) {
        if (change.outputChanged() && change.publicListsChanged()) {
            changes.changed();
            cache.invalidateAll();
        }
    }

    long fileCount() {
        return (PublicGrid.maxId() + GRIDS_PER_FILE - 1) / GRIDS_PER_FILE;
    }

    private RenderedOutput renderIndex() {
        long files = fileCount();
        StringBuilder xml = new StringBuilder(256 + (int) files * 80);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"").append(NAMESPACE).append("\">\n");
        sitemap(xml, "/sitemap-pages.xml");
        for (long n = 0; n < files; n++) {
            sitemap(xml, "/sitemap-" + n + ".xml");
        }
        xml.append("</sitemapindex>\n");
        return RenderedOutput.text(xml.toString().getBytes(StandardCharsets.UTF_8), XML);
    }

    private void sitemap(StringBuilder xml, String path) {
        xml.append("<sitemap><loc>").append(base()).append(path).append("</loc></sitemap>\n");
    }

    RenderedOutput renderGrids(int n) {
        long after = (long) n * GRIDS_PER_FILE;
        List<PublicGrid.Listed> listed = PublicGrid.listedInRange(after, after + GRIDS_PER_FILE);
        String base = base() + "/";
        return urlset(listed.stream().map(grid -> new Url(base + ids.publicId(grid.id()), grid.postedOn())).toList());
    }

    private record Url(String loc, String lastmod) {
    }

    private static RenderedOutput urlset(List<Url> urls) {
        StringBuilder xml = new StringBuilder(128 + urls.size() * 90);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"").append(NAMESPACE).append("\">\n");
        for (Url url : urls) {
            xml.append("<url><loc>").append(url.loc()).append("</loc>");
            if (url.lastmod() != null) {
                xml.append("<lastmod>").append(url.lastmod()).append("</lastmod>");
            }
            xml.append("</url>\n");
        }
        xml.append("</urlset>\n");
        return RenderedOutput.text(xml.toString().getBytes(StandardCharsets.UTF_8), XML);
    }

    /** The public base URL, escaped for XML once (ids are letters and digits). */
    private String base() {
        return config.publicBaseUrl().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
