package org.ipythonblocks;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The management interface's port (health and metrics, on loopback): {@code IPB_MANAGEMENT_PORT} when
 * set, otherwise
 *
 * <ul>
 * <li>on a Heroku dyno ({@code DYNO} set) 9000: a dyno is alone in its container, and an operator
 * reaches it with {@code heroku ps:exec} and {@code curl localhost:9000/q/health};</li>
 * <li>elsewhere, with {@code PORT} set, {@code PORT + 1000}: {@code heroku local web=2} gives its web
 * processes the ports 5000 and 5001, so their management interfaces get 6000 and 6001, and a second
 * process on one machine starts; {@code PORT=0} gives 0 (the two servers' ports must be both fixed or
 * both chosen by the system: Micrometer tags the meters of a fixed port with it, and Prometheus refuses
 * meters of one name with different tags);</li>
 * <li>otherwise 9000 (dev mode, {@code java -jar} on port 8080).</li>
 * </ul>
 * It sets {@code quarkus.management.port} above application.properties and below the environment
 * and system properties, so {@code QUARKUS_MANAGEMENT_PORT} and {@code -Dquarkus.management.port} still win.
 */
public class ManagementPortDefault implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300). */
    static final int ORDINAL = 260;
    static final int DYNO_PORT = 9000;
    static final int PORT_OFFSET = 1000;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String chosen = value(context, "IPB_MANAGEMENT_PORT");
        String port = chosen != null ? chosen : Integer.toString(port(value(context, "DYNO"), value(context, "PORT")));
        return List.of(new MapBackedConfigSource("ipythonblocks management port", Map.of("quarkus.management.port", port), ORDINAL) {
        });
    }

    static int port(String dyno, String port) {
        if (dyno != null || port == null) {
            return DYNO_PORT;
        }
        try {
            int http = Integer.parseInt(port.trim());
            return http == 0 ? 0 : http + PORT_OFFSET <= 65535 ? http + PORT_OFFSET : DYNO_PORT;
        } catch (NumberFormatException e) {
            return DYNO_PORT; // Quarkus refuses such a PORT itself, with its own message
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
