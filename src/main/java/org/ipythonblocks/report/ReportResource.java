package org.ipythonblocks.report;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.web.RateLimits;
import org.ipythonblocks.web.Routes;
import org.ipythonblocks.web.SiteOrigin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /report}: the "Report this grid" form of every grid page, a plain HTML form (no
 * script, no cookie). A stored report is a 303 to {@code /report/received}, which says what happens
 * next; bad input is an error page naming the problem ({@code site.ErrorMappers}); too many reports
 * from one address (checked after the form is read, so a mistyped form costs nothing, and before the
 * database is asked about the grid), a 429 page that says when to try again.
 */
@Path(Routes.REPORT)
public class ReportResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @Inject
    ReportService reports;

    /** Reports' own budget per client address in {@link RateLimits}, apart from posts'. */
    static final String BUCKET = "report";

    @Inject
    RateLimits limits;

    @Inject
    IpbConfig config;

    @Inject
    SiteOrigin site;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance received(String reportUrl);

        static native TemplateInstance tooMany(long seconds, String until, String reportUrl);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    public Response report(InputStream body, HttpServerRequest request) throws IOException {
        ReportForm form = ReportForm.parse(body.readNBytes(ReportForm.MAX_BODY_BYTES + 1), site.hosts(request));
        long wait = limits.take(BUCKET, limits.client(request), config.reports().burst(), config.reports().perMinute());
        if (wait > 0) {
            String until = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(wait));
            return Response.status(429).type(HTML).header("Retry-After", Long.toString(wait)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(Templates.tooMany(wait, until, reportUrl()).render()).build();
        }
        reports.file(form);
        // relative, as /random's: set as a plain header (a URI location would be made absolute)
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, Routes.REPORT + "/received")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("received")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance received() {
        return Templates.received(reportUrl());
    }

    private String reportUrl() {
        return config.reportUrl().orElse(null);
    }
}
