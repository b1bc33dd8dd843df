package org.ipythonblocks.site;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol with {@code java.net.http}'s
 * WebSocket and Jackson, for the browser test. One page target, attached with a flat session.
 */
final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path profile;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;
    private String session;

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /**
     * The Chromium executable on the PATH. Tests install nothing: {@code .ci/run} installs it in CI, a
     * developer with {@code apt-get install chromium}. When it is missing the test fails under
     * {@code CI=true} and is skipped, with the reason, anywhere else.
     */
    static Path executable() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String why = "Chromium is not installed (apt-get install -y chromium; .ci/run installs it); the browser test cannot run";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
        return null;
    }

    private static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of("chromium", "chromium-browser")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /** Starts Chromium with a fresh profile and opens one page with Runtime, Log, Network and Page enabled. */
    static Chromium launch(Path executable) throws IOException {
        Path profile = Files.createTempDirectory("ipb-chromium-");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Chromium chromium = new Chromium(process, profile);
        try {
            chromium.connect();
            return chromium;
        } catch (IOException | RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    private void connect() throws IOException {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    stderr.add(line);
                    int at = line.indexOf("DevTools listening on ws://");
                    if (at >= 0) {
                        endpoint.complete(line.substring(at + "DevTools listening on ".length()).trim());
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            endpoint.completeExceptionally(new IOException("Chromium exited: " + String.join("\n", stderr)));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String url = await(endpoint, "the DevTools endpoint");
        socket = await(HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new Listener()), "the socket");
        String target = send("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId").asText();
        session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null).get("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            send(domain + ".enable", Map.of());
        }
    }

    /** A command to the page; answers its result or fails with the protocol error. */
    JsonNode send(String method, Map<String, ?> params) {
        return send(method, params, session);
    }

    private JsonNode send(String method, Map<String, ?> params, String sessionId) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (this) {
            await(socket.sendText(message.toString(), true), method);
        }
        JsonNode answer = await(reply, method);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Events received so far (method, params), oldest first. */
    List<JsonNode> events() {
        return new ArrayList<>(events);
    }

    void clearEvents() {
        events.clear();
    }

    /** Waits until an event matching {@code test} has arrived. */
    JsonNode awaitEvent(Predicate<JsonNode> test, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            for (JsonNode event : events) {
                if (test.test(event)) {
                    return event;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + TIMEOUT_SECONDS + " s");
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (Exception e) {
            throw new AssertionError("no answer from Chromium for " + what, e);
        }
    }

    /** Collects (possibly fragmented) text frames into JSON messages: replies complete their command, the rest are events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        Optional.ofNullable(pending.remove(message.get("id").asInt())).ifPresent(f -> f.complete(message));
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    stderr.add("unreadable DevTools message: " + e.getMessage());
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
