package org.ipythonblocks.gallery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.ChangeCount;
import org.ipythonblocks.db.Timestamps;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridsChanged;
import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.web.Routes;
import org.ipythonblocks.web.RenderedOutput;

/**
 * The newest public grids, {@value #PAGE_SIZE} to a page, for {@code /recent}, its Atom feed and the
 * home page's strip. Never a secret grid (they are in another table), a hidden or a deleted one.
 *
 * <ul>
 * <li>Pages are keyset ranges on the row id ({@code id < before}, newest first; {@code id > after}),
 * never {@code OFFSET}: one statement walks the primary key backwards (or forwards) from the cursor
 * and also probes one row past the page on the other side, so the page knows both of its links;
 * as fast at a million grids as at ten.</li>
 * <li>Rendered pages are kept {@value #TTL_SECONDS} s at most ({@value #MAX_CACHED_BYTES} bytes in all), and forgotten on every
 * {@link GridsChanged} that may touch public grids (a public grid stored here, a takedown here or one
 * announced by another process); a page read while such a change came is not kept.</li>
 * <li>A page with a newer page ({@link Page#settled}: every older page, and newer pages short of the
 * newest) stays what it is when grids are posted, here or on another dyno: a post only adds grids
 * newer than every grid it shows, and the grid that makes its "newer" link is still there. Those pages
 * are kept apart, {@code IPB_CACHE_TTL} at most ({@value #MAX_SETTLED_BYTES} bytes in all), through
 * posts, and forgotten on every other change (a takedown or un-hide here or announced by another
 * process); a settled page read while such a change came is not kept.</li>
 * <li>Cursors in URLs are public grid ids ({@code ?before=bizkiL}), never row ids.</li>
 * </ul>
 */
@ApplicationScoped
// Caffeine creates its cache class by name, by reflection: SSMWW is strong keys and values, maximum
// weight, write expiry.
@RegisterForReflection(classNames = "com.github.benmanes.caffeine.cache.SSMWW")
public class RecentGrids {

    static final int PAGE_SIZE = 24;
    /** The home page's strip. */
    public static final int STRIP_SIZE = 8;
    static final int TTL_SECONDS = 10;
    /**
     * Memory for rendered pages and feeds (by {@link RenderedOutput#weight}, keys included): a page of
     * tiles is a few KB, so this keeps a hundred and more, beyond what visitors page through in {@value #TTL_SECONDS} s.
     */
    static final long MAX_CACHED_BYTES = 2L * 1024 * 1024;
    /**
     * Memory for settled pages ({@link Page#settled}), weighed alike but kept {@link RenderedOutput#compact compact}
     * (a page of tiles is about 1.5 KB gzipped, 2 KB with its tags and key): some two thousand older
     * pages from all over the table, as crawlers and visitors paging back reach them.
     */
    static final long MAX_SETTLED_BYTES = 4L * 1024 * 1024;

    /** Public, neither hidden nor deleted. */
    private static final String VISIBLE = Grid.VISIBLE;
    /** A page newest first below a row id, then the first visible row at or above it (is there a newer page?). */
    static final String OLDER_THAN = "(select id, ipb_class, created_at, false as probe from public_grids where " + VISIBLE
            + " and id < ? order by id desc limit " + (PAGE_SIZE + 1) + ") union all (select id, null, null, true from public_grids where "
            + VISIBLE + " and id >= ? order by id limit 1)";
    /** A page oldest first above a row id, then the first visible row at or below it (is there an older page?). */
    static final String NEWER_THAN = "(select id, ipb_class, created_at, false as probe from public_grids where " + VISIBLE
            + " and id > ? order by id limit " + (PAGE_SIZE + 1) + ") union all (select id, null, null, true from public_grids where "
            + VISIBLE + " and id <= ? order by id desc limit 1)";

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    GridIds ids;

    private final Cache<String, RenderedOutput> rendered = Caffeine.newBuilder().maximumWeight(MAX_CACHED_BYTES)
            .weigher(RenderedOutput::weigh)
            .expireAfterWrite(Duration.ofSeconds(TTL_SECONDS)).build();
    /** Every change heard that may touch public grids, posts included. */
    private final ChangeCount changes = new ChangeCount();
    private Cache<String, RenderedOutput> settled;
    /** The changes heard that may touch a settled page: all but posts. */
    private final ChangeCount takedowns = new ChangeCount();

    @Inject
    IpbConfig config;

    @PostConstruct
    void keepSettledPages() {
        settled = Caffeine.newBuilder().maximumWeight(MAX_SETTLED_BYTES).weigher(RenderedOutput::weigh)
                .expireAfterWrite(config.cache().ttl()).build();
    }

    /** One grid in the gallery. */
    @TemplateData
    public record Tile(String id, String ipbClass, OffsetDateTime postedAt) {
        /** Its picture ({@code /tile/<id>.png}), the one address every gallery and the feed show; site-relative. */
        public String picture() {
            return Routes.TILE_PREFIX + id + ".png";
        }

        /** The picture for 1× and 2× screens, as an {@code <img srcset>}. */
        public String pictureSrcset() {
            StringBuilder srcset = new StringBuilder();
            for (int scale : GridImages.TILE_SCALES) {
                srcset.append(srcset.isEmpty() ? "" : ", ").append(picture()).append(scale == 1 ? "" : "?scale=" + scale)
                        .append(' ').append(scale).append('x');
            }
            return srcset.toString();
        }

        /** The picture's width and height in CSS px (it is square). */
        public int pictureSize() {
            return GridImages.TILE_SIZE;
        }

        public String postedIso() {
            return postedAt == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(postedAt.withOffsetSameInstant(ZoneOffset.UTC));
        }
    }

    /** One page: its grids newest first, and the cursors of its neighbours (null when there is none). */
    @TemplateData
    public record Page(List<Tile> tiles, String newer, String older) {
        /**
         * Whether a post cannot change this page: it has a newer page, so every grid posted from now on
         * is newer than all it shows (ids only grow) and the grid its "newer" link needs is there.
         */
        boolean settled() {
            return newer != null;
        }
    }

    /** Where a page starts: below a row id (older) or above one (newer). */
    record Cursor(String key, long rowId, boolean older) {
        static final Cursor NEWEST = new Cursor("newest", Long.MAX_VALUE, true);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) GridsChanged change) {
        if (change.publicListsChanged()) {
            changes.changed();
            if (change.change() != GridsChanged.Change.POSTED) {
                takedowns.changed();
                settled.invalidateAll();
            }
            rendered.invalidateAll();
        }
    }

    /** {@code ?before=} or {@code ?after=} (a public grid id; at most one), or the newest page. */
    Cursor cursor(String before, String after) {
        if (before != null && after != null) {
            throw new Problem("Not a page of grids", "Ask for grids before one grid or after one, not both.");
        }
        String id = before != null ? before : after;
        if (id == null) {
            return Cursor.NEWEST;
        }
        OptionalLong row = id.matches(GridIds.ID_REGEX) ? ids.decodePublic(id) : OptionalLong.empty();
        if (row.isEmpty()) {
            throw new Problem("Not a page of grids", "?" + (before != null ? "before" : "after")
                    + "= takes the id of a public grid, as the older and newer links give it.");
        }
        return new Cursor((before != null ? "before:" : "after:") + id, row.getAsLong(), before != null);
    }

    /**
     * A page rendered by {@code render}, kept for {@value #TTL_SECONDS} s, or through posts when
     * {@link Page#settled settled}: one statement when not kept, none when kept.
     */
    RenderedOutput rendered(String kind, Cursor cursor, Function<Page, RenderedOutput> render) {
        String key = kind + "|" + cursor.key();
        RenderedOutput kept = settled.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        long readBegan = takedowns.now();
        boolean[] isSettled = new boolean[1];
        RenderedOutput output = changes.get(rendered, key, k -> {
            Page page = page(cursor);
            isSettled[0] = page.settled();
            return render.apply(page);
        });
        if (isSettled[0]) {
            rendered.asMap().remove(key, output);
            takedowns.putIfUnchanged(settled, readBegan, key, output.compact());
        }
        return output;
    }

    /** Bytes the kept pages hold, with every gzip form made: what the budgets bound. */
    long keptBytes() {
        rendered.cleanUp();
        settled.cleanUp();
        return java.util.stream.Stream.concat(rendered.asMap().values().stream(), settled.asMap().values().stream())
                .mapToLong(output -> {
                    output.gzip();
                    return output.heldBytes();
                }).sum();
    }

    @SuppressWarnings("unchecked")
    Page page(Cursor cursor) {
        List<Object[]> rows = em.createNativeQuery(cursor.older() ? OLDER_THAN : NEWER_THAN)
                .setParameter(1, cursor.rowId()).setParameter(2, cursor.rowId()).getResultList();
        List<Object[]> page = new ArrayList<>();
        boolean beyond = false;
        for (Object[] row : rows) {
            if (Boolean.TRUE.equals(row[3])) {
                beyond = true;
            } else {
                page.add(row);
            }
        }
        boolean more = page.size() > PAGE_SIZE;
        List<Object[]> shown = page.subList(0, Math.min(PAGE_SIZE, page.size()));
        List<Tile> tiles = new ArrayList<>();
        for (Object[] row : shown) {
            tiles.add(tile(((Number) row[0]).longValue(), (String) row[1], row[2]));
        }
        if (!cursor.older()) {
            java.util.Collections.reverse(tiles);
        }
        boolean hasOlder = cursor.older() ? more : beyond;
        boolean hasNewer = cursor.older() ? beyond : more;
        return new Page(tiles, hasNewer && !tiles.isEmpty() ? tiles.get(0).id() : null,
                hasOlder && !tiles.isEmpty() ? tiles.get(tiles.size() - 1).id() : null);
    }

    /**
     * The home page's strip and count, read in the background by plain JDBC on one connection: it
     * runs whenever a post lands, so it stays out of Hibernate's per-request statement count.
     */
    public Strip strip() {
        try (Connection c = dataSource.getConnection()) {
            long count;
            try (PreparedStatement s = c.prepareStatement("select count(*) from public_grids where " + VISIBLE);
                    ResultSet r = s.executeQuery()) {
                r.next();
                count = r.getLong(1);
            }
            List<Tile> tiles = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(OLDER_THAN)) {
                s.setLong(1, Long.MAX_VALUE);
                s.setLong(2, Long.MAX_VALUE);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next() && tiles.size() < STRIP_SIZE) {
                        if (!r.getBoolean(4)) {
                            tiles.add(tile(r.getLong(1), r.getString(2), r.getObject(3, OffsetDateTime.class)));
                        }
                    }
                }
            }
            return new Strip(count, tiles);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the newest grids: " + e.getMessage(), e);
        }
    }

    /** How many public grids there are, and the newest few. */
    public record Strip(long publicGrids, List<Tile> latest) {
    }

    private Tile tile(long rowId, String ipbClass, Object createdAt) {
        return new Tile(ids.publicId(rowId), "ImageGrid".equals(ipbClass) ? "ImageGrid" : "BlockGrid", Timestamps.of(createdAt));
    }
}
