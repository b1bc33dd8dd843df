package org.ipythonblocks.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.ipythonblocks.web.RenderedOutput;
import org.ipythonblocks.web.Routes;

import io.quarkus.qute.TemplateExtension;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The site's static files (styles, the script, the icons, the web manifest), read from
 * {@code META-INF/resources} once, the first time a page names one (the home page, rendered at
 * start-up: a few small files, a millisecond or two), and served from memory by a Vert.x route:
 * <ul>
 * <li>under a <b>versioned name</b> that carries a hash of the content ({@code /static/ipborg.3f2a9c01de.css},
 * what pages link to, through {@code {asset:url('ipborg.css')}}): {@code Cache-Control: public,
 * max-age=31536000, immutable}, since a change of content is a change of name;</li>
 * <li>under the plain name ({@code /static/ipborg.css}, {@code /favicon.ico}, the manifest), or a
 * versioned name whose hash is not the current one (a page cached from before a deploy): the same
 * bytes with {@value #SHORT_SECONDS} s;</li>
 * <li>text gzipped once when read, with an {@code ETag} per form, 304 on revalidation.</li>
 * </ul>
 * Files not listed here fall through to Quarkus' own static handler.
 */
@Singleton
public class StaticAssets {

    /** How long an unversioned name may be kept: a change reaches everyone within an hour. */
    static final int SHORT_SECONDS = 3600;
    static final CharSequence IMMUTABLE = HttpHeaders.createOptimized("public, max-age=31536000, immutable");
    static final CharSequence SHORT = HttpHeaders.createOptimized("public, max-age=" + SHORT_SECONDS);
    private static final String ROOT = "META-INF/resources/";
    private static final Pattern VERSIONED = Pattern.compile("(/static/[\\w-]+)\\.([0-9a-f]{10})(\\.\\w+)");

    /** A file as it is served: where it is in the class path, its type, and the other paths it answers (plain names only). */
    private record Spec(String path, String type, List<String> aliases) {
    }

    private static final List<Spec> FILES = List.of(
            new Spec("/static/ipborg.css", "text/css;charset=UTF-8", List.of()),
            new Spec("/static/pygments.css", "text/css;charset=UTF-8", List.of()),
            new Spec("/static/embed.css", "text/css;charset=UTF-8", List.of()),
            new Spec("/static/copy.js", "text/javascript;charset=UTF-8", List.of()),
            new Spec("/static/keyboard.js", "text/javascript;charset=UTF-8", List.of()),
            new Spec("/static/icon.svg", "image/svg+xml", List.of()),
            new Spec("/static/favicon.ico", "image/vnd.microsoft.icon", List.of("/favicon.ico")),
            new Spec("/static/apple-touch-icon.png", "image/png", List.of("/apple-touch-icon.png")),
            new Spec("/static/icon-192.png", "image/png", List.of()),
            new Spec("/static/icon-512.png", "image/png", List.of()),
            new Spec("/site.webmanifest", "application/manifest+json", List.of()));

    /** One file: its output ready to send, and its versioned path. */
    record Asset(DirectOutput output, String versionedPath) {
    }

    /**
     * Read on first use, in a method rather than a holder class's static initialiser: native-image
     * simulates simple static initialisers at build time, which would put these direct buffers in
     * the image heap and fail the native build.
     */
    private static volatile Map<String, Asset> loaded;

    private static Map<String, Asset> assets() {
        Map<String, Asset> assets = loaded;
        if (assets == null) {
            synchronized (StaticAssets.class) {
                assets = loaded;
                if (assets == null) {
                    loaded = assets = load();
                }
            }
        }
        return assets;
    }

    /**
     * The path a page links to for a static file: {@code ipborg.css} → {@code /static/ipborg.<hash>.css};
     * a name the site does not know is a bug, and fails the render.
     */
    @TemplateExtension(namespace = "asset")
    static String url(String name) {
        Asset asset = assets().get("/static/" + name);
        if (asset == null) {
            throw new IllegalArgumentException("no static file " + name);
        }
        return asset.versionedPath();
    }

    void routes(@Observes Router router) {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.route(method, "/static/*").order(Routes.Order.STATIC_ASSETS_ROUTE).handler(StaticAssets::serve);
            FILES.stream().flatMap(spec -> java.util.stream.Stream.concat(java.util.stream.Stream.of(spec.path()), spec.aliases().stream()))
                    .filter(path -> !path.startsWith("/static/"))
                    .forEach(path -> router.route(method, path).order(Routes.Order.STATIC_ASSETS_ROUTE).handler(StaticAssets::serve));
        }
    }

    static void serve(RoutingContext rc) {
        String path = rc.normalizedPath();
        Asset asset = assets().get(path);
        boolean current = false;
        if (asset != null) {
            current = asset.versionedPath().equals(path) && !isPlain(path);
        } else {
            Matcher m = VERSIONED.matcher(path);
            if (m.matches()) {
                asset = assets().get(m.group(1) + m.group(3));
            }
        }
        if (asset == null) {
            rc.next();
            return;
        }
        asset.output().serve(rc, current ? IMMUTABLE : SHORT);
    }

    private static boolean isPlain(String path) {
        return FILES.stream().anyMatch(spec -> spec.path().equals(path) || spec.aliases().contains(path));
    }

    private static Map<String, Asset> load() {
        Map<String, Asset> byPath = new LinkedHashMap<>();
        for (Spec spec : FILES) {
            byte[] bytes = read(spec.path());
            RenderedOutput output = spec.type().startsWith("image/png") ? RenderedOutput.binary(bytes, spec.type())
                    : RenderedOutput.text(bytes, spec.type());
            String versioned = spec.path().startsWith("/static/") ? versioned(spec.path(), bytes) : spec.path();
            Asset asset = new Asset(DirectOutput.of(output), versioned);
            byPath.put(spec.path(), asset);
            byPath.put(versioned, asset);
            spec.aliases().forEach(alias -> byPath.put(alias, asset));
        }
        return Map.copyOf(byPath);
    }

    /** {@code /static/ipborg.css} → {@code /static/ipborg.<first 10 hex digits of its SHA-256>.css}. */
    static String versioned(String path, byte[] bytes) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 5);
            int dot = path.lastIndexOf('.');
            return path.substring(0, dot) + "." + hash + path.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String path) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(ROOT + path.substring(1))) {
            if (in == null) {
                throw new IllegalStateException("missing static file " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
