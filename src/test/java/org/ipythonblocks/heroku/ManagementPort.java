package org.ipythonblocks.heroku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A free port for the packaged app's management interface (health and metrics), which a dyno keeps
 * off the public port: the integration test launcher only chooses the HTTP port, and the default
 * management port, 9000, may be taken on this machine.
 */
public class ManagementPort implements QuarkusTestResourceLifecycleManager {

    /** For the tests (they run in this JVM): where the app's health and metrics answer. */
    static volatile int port;

    @Override
    public Map<String, String> start() {
        port = free();
        return Map.of("quarkus.management.port", Integer.toString(port));
    }

    @Override
    public void stop() {
    }

    /** A port free just now. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
