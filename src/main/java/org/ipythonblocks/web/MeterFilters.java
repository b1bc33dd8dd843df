package org.ipythonblocks.web;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * What Micrometer may record, beside what Quarkus' binders register.
 *
 * <p>No {@code server.port} tag. The site and the management interface are two HTTP servers, and
 * Micrometer's HTTP server meters ({@code http_server_bytes_read}, …) get that tag from a server
 * bound to a fixed port and none from one bound to port 0. Prometheus refuses two meters of one name
 * with different tag keys, and the refusal, thrown while the server starts listening, left the app
 * hanging before it listened ({@code PORT=0} beside the fixed management port, as a one-off command
 * or a test runs it). Without the tag both servers' meters agree, whatever their ports.
 */
@Singleton
public class MeterFilters {

    @Produces
    @Singleton
    MeterFilter noServerPortTag() {
        return MeterFilter.ignoreTags("server.port");
    }
}
