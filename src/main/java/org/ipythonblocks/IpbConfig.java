package org.ipythonblocks;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The application's own settings (prefix {@code ipb}); Quarkus' own stay in application.properties. Their
 * bounds are checked at start-up by {@code command.SettingsCheck}.
 */
@ConfigMapping(prefix = "ipb")
public interface IpbConfig {

    /** Base of the URLs that {@code POST /post} answers with; the unmodified client talks to this host. */
    @WithDefault("http://www.ipythonblocks.org")
    String publicBaseUrl();

    Hashids hashids();

    Post post();

    /** How long a client may take to send a request's body: every body (posts, deletes, reports). */
    Bodies bodies();

    Cache cache();

    /** Dev and test only: any PostgreSQL to use instead of the embedded one (postgres:// or jdbc: form). */
    Optional<String> devDatabaseUrl();

    /** Dev only: where the embedded PostgreSQL keeps its data (default {@code .dev-db}). */
    Optional<String> devDbDir();

    Database database();

    @WithName("import")
    Import importer();
    /**
     * The Heroku dyno this process runs on ({@code DYNO}, which Heroku sets, e.g. {@code web.1}); unset
     * elsewhere. On a dyno, Heroku's router stands in front of the app.
     */
    Optional<String> dyno();

    /** Rate limiting of {@code POST /post} and {@code POST /delete} per client address. */
    RateLimit rateLimit();

    /** {@code POST /delete} attempts: a budget of their own per client address, apart from posts' and reports'. */
    Deletes deletes();

    interface Deletes {
        /** Delete attempts one address may make at once (bucket {@code delete}; off with {@code ipb.rate-limit.enabled}). */
        @WithDefault("20")
        int burst();

        /** Delete attempts per minute an address gets back once the burst is spent. */
        @WithDefault("5")
        int perMinute();
    }

    /**
     * Another way to report a grid (a {@code mailto:} or {@code https:} address), shown beside the
     * grid pages' report form and on the privacy page; unset, the form is the only way.
     */
    Optional<String> reportUrl();

    /** The "Report this grid" form. */
    Reports reports();

    interface Reports {
        /**
         * Reports one address may send at once, in the shared rate limit (bucket {@code report}, apart
         * from posts'; off with {@code ipb.rate-limit.enabled}).
         */
        @WithDefault("5")
        int burst();

        /** Reports per minute an address gets back once the burst is spent. */
        @WithDefault("1")
        int perMinute();
    }

    interface Hashids {
        /** Salt of public grid ids; must be the 2014–2017 production salt for old links to keep working. */
        String publicSalt();

        /** Salt of legacy secret grid ids. */
        String secretSalt();

        @WithDefault("6")
        int minLength();
    }

    interface Post {
        /**
         * Largest accepted body of {@code POST /post}; the default admits a 640×480 ImageGrid (about 6.2 MiB).
         * Far below {@code quarkus.http.limits.max-body-size} (64 MiB), so that a chunked body over it
         * meets our 413 (the reader's) before Quarkus' empty one, however far Vert.x has read ahead.
         */
        @WithDefault("8388608")
        int maxBodyBytes();

        /**
         * Bodies of posts held at once while they arrive and are stored, in bytes: each post holds its
         * declared length (a chunked one, the limit) from its first byte until it is stored or refused.
         * A post that finds no room waits up to 20 s, then gets 503. The default holds two of the
         * largest posts, or hundreds of ordinary ones (docs/architecture.md, "Memory").
         */
        @WithDefault("16777216")
        long inFlightBytes();
    }

    interface Bodies {
        /**
         * The longest a body may pause: when no byte of it arrives for this long, the request gets 408
         * and whatever it held (a thread, its share of {@code ipb.post.in-flight-bytes}) is let go.
         */
        @WithDefault("10s")
        java.time.Duration stall();

        /**
         * The slowest a body may arrive on average, in bytes a second, after the first {@code stall}:
         * 16 KiB/s (128 kbit/s) takes 8 MiB in under 9 minutes. Slower, the request gets 408.
         */
        @WithDefault("16384")
        int minBytesPerSecond();
    }

    interface Import {
        /** Rows per transaction (and per INSERT statement) of the import command. */
        @WithDefault("500")
        int batchSize();

        /** Batches inserted at the same time, each on its own connection (the pool must allow it). */
        @WithDefault("2")
        int threads();

        /**
         * Largest input {@code import} copies from standard input or a URL to a temporary file (the
         * 2014 database is a few hundred MB at most); a file given by path is read as it is.
         */
        @WithDefault("2147483648")
        long maxInputBytes();
    }

    interface Cache {
        /**
         * Memory for rendered grid output (JSON, pages, images, with room for their gzip forms); 0 turns
         * the cache off. The default fits the web heap with the other bounds (docs/architecture.md, "Memory").
         */
        @WithDefault("25165824")
        long maxBytes();

        /**
         * How long an entry lives: the fallback by which a grid taken down disappears from every process
         * when a takedown notification was missed.
         */
        @WithDefault("1m")
        java.time.Duration ttl();

        /**
         * Outputs rendered at once (cache misses: pages, pictures, downloads, JSON), whatever they draw: the
         * memory renders hold at once is this many of the largest legal post's. Views of an output being
         * rendered share that render and take no turn of their own.
         */
        @WithDefault("2")
        int renders();

        /** The longest a view waits for its output to be rendered (its turn, or another view's render of it): then 503. */
        @WithDefault("10s")
        java.time.Duration renderWait();

        /**
         * Whether this process listens for takedowns made by others ({@code LISTEN ipb_takedown} on a
         * connection of its own) and forgets those grids within a moment; commands never listen.
         */
        @WithDefault("true")
        boolean listen();
    }

    interface Database {
        /** sslmode used with DATABASE_URL when the URL names none. */
        Optional<String> sslmode();
    }

    interface RateLimit {
        /** Off for benchmarks and tests that post from one address. */
        @WithDefault("true")
        boolean enabled();

        /** Posts one address may make at once: a class of 30 behind one NAT, each posting twice. */
        @WithDefault("60")
        int burst();

        /** Posts per minute an address gets back once the burst is spent: one a minute per student of a class of 30. */
        @WithDefault("30")
        int perMinute();

        /**
         * How many proxies in front of the app append to {@code X-Forwarded-For}, when set; unset, 1 on
         * a Heroku dyno ({@link IpbConfig#dyno()}: its router appends the client's address) and 0
         * elsewhere (the header is the client's own words, and the socket's address counts).
         */
        Optional<Integer> trustedProxyHops();
    }
}
