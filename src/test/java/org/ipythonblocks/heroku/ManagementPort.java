package org.ipythonblocks.heroku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged app's management interface (health and metrics), which a dyno keeps off the public
 * port. The integration test launcher only chooses the HTTP port, a random one; the management
 * interface gets port 0 too, and the test reads the port it got from the app's log. (A fixed
 * management port beside a random HTTP port does not start: Micrometer tags the HTTP server meters
 * of a server on a fixed port with {@code server_port} and not those of one on port 0, and
 * Prometheus refuses meters of one name with different tag keys.)
 */
public class ManagementPort implements QuarkusTestResourceLifecycleManager {

    private static final Pattern LISTENING = Pattern.compile("Management interface listening on https?://[^:\\s]+:(\\d+)");

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.management.port", "0");
    }

    @Override
    public void stop() {
    }

    /** The port the running app's management interface listens on, from its log (target/quarkus.log). */
    static int ofRunningApp() {
        try {
            Matcher m = LISTENING.matcher(Files.readString(Path.of("target", "quarkus.log")));
            int port = -1;
            while (m.find()) {
                port = Integer.parseInt(m.group(1)); // the last start is the running app
            }
            if (port < 0) {
                throw new IllegalStateException("the app's log does not say where its management interface listens");
            }
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free just now and never handed out before, for an app a test starts with fixed ports (see above). */
    static int free() {
        // never the same port twice in this JVM: two apps started at once would otherwise be handed the port
        // the other one is about to bind (one's HTTP port, the other's management port)
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
