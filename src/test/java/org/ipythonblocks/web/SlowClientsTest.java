package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipythonblocks.LogCapture;
import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients that send slowly or not at all, over raw sockets (an HTTP client library would send whole
 * requests): none of them holds anything another client needs for longer than the bounds allow. The
 * tests run with {@code ipb.bodies.stall} at 3 s and {@code quarkus.http.idle-timeout} at 15 s
 * (application.properties, {@code %test}); the site runs with 10 s and 100 s.
 */
@QuarkusTest
class SlowClientsTest {

    /** One thread per client: the common pool has a single thread on two cores. */
    static final java.util.concurrent.ExecutorService CLIENTS = java.util.concurrent.Executors.newCachedThreadPool();

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @ConfigProperty(name = "ipb.bodies.stall", defaultValue = "3s")
    java.time.Duration stall;

    @ConfigProperty(name = "quarkus.http.idle-timeout")
    java.time.Duration idleTimeout;

    @BeforeEach
    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    /** A post whose head says {@code declared} bytes and whose body then stops after {@code sent} bytes. */
    CompletableFuture<RawHttp.Reply> stalled(String path, long declared, int sent) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + declared + "\r\n\r\n";
        return CompletableFuture.supplyAsync(() -> RawHttp.send(root, head + " ".repeat(sent), 30_000), CLIENTS);
    }

    static byte[] largeGrid() {
        return TestGrids.body("ImageGrid", 640, 480, false, null).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aStalledPostHoldsNothingWhileALargePostGoesThroughAndIsAnswered408AtTheStall() throws Exception {
        CompletableFuture<RawHttp.Reply> stalled = stalled("/post", 3_000_000, 1);
        Thread.sleep(500); // the stalled post is in, its body waited for

        byte[] large = largeGrid();
        assertThat(large.length).as("a 640x480 ImageGrid, stored one at a time").isGreaterThan(1 << 20);
        RawHttp.Answer real = RawHttp.exchange(root, "POST", "/post", large, false);
        assertThat(real.status()).as(real.reason()).isEqualTo(200);
        assertThat(stalled).as("still held while the real post was stored").isNotDone();

        RawHttp.Reply refused = stalled.get(30, TimeUnit.SECONDS);
        assertThat(refused.status()).isEqualTo(408);
        assertThat(refused.reason()).isEqualTo("Request timeout: no byte of the body came for 3 s, after 1 of 3000000 bytes");
        assertThat(refused.body()).contains("\"status\":408").contains("No byte of the request's body arrived for 3 seconds");
        assertThat(refused.closed()).as("the connection is closed after the 408").isTrue();
        assertThat(refused.millis()).as("answered at the stall").isBetween(stall.toMillis(), stall.toMillis() + 3000);
        assertThat(testGrids.count("public_grids")).isEqualTo(1);
    }

    @Test
    void stalledPostsThatFilledTheRoomForBodiesGiveItBackAtTheStall() throws Exception {
        // three bodies of the largest size fill the 24 MiB for bodies in flight, then stop
        List<CompletableFuture<RawHttp.Reply>> stalled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stalled.add(stalled("/post", 8 << 20, 1024));
        }
        Thread.sleep(1000);
        RawHttp.Answer real = RawHttp.exchange(root, "POST", "/post", largeGrid(), false);
        assertThat(real.status()).as(real.reason()).isEqualTo(200);
        for (CompletableFuture<RawHttp.Reply> each : stalled) {
            assertThat(each.get(30, TimeUnit.SECONDS).status()).isEqualTo(408);
        }
    }

    @Test
    void aBodyThatTricklesInIsCutOffAtTheMinimumRate() throws Exception {
        // one byte a second: each pause is shorter than the stall, the rate is far below 16 KiB/s
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(("POST /post HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 60; i++) {
                        socket.getOutputStream().write(' ');
                        socket.getOutputStream().flush();
                        Thread.sleep(1000);
                    }
                } catch (Exception e) {
                    // the server closed the connection: what it answered is what counts
                }
            }, CLIENTS);
            long start = System.nanoTime();
            socket.setSoTimeout(30_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            trickle.cancel(true);
            assertThat(answer).startsWith("HTTP/1.1 408 Request timeout: ").contains(" bytes came in ")
                    .contains("a body must come at 16 KiB/s or faster");
            assertThat(millis).isLessThan(stall.toMillis() + 5000);
        }
    }

    @Test
    void aStalledReportIsAnswered408WithAPageAndNothingIsLogged() {
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Reply refused = stalled("/report", 200, 10).join();
            assertThat(refused.status()).isEqualTo(408);
            assertThat(refused.head()).contains("text/html");
            assertThat(refused.body()).contains("Request timeout").contains("No byte of the request&#39;s body arrived");
            assertThat(log.warningsAndStackTraces()).isEmpty();
        }
    }

    @Test
    void aClientThatLeavesInTheMiddleOfItsBodyLogsNoError() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            for (String path : List.of("/report", "/post", "/delete")) {
                try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
                    socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 300\r\n\r\nreason=")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    Thread.sleep(300);
                }
            }
            Thread.sleep(1000);
            assertThat(log.warningsAndStackTraces()).isEmpty();
        }
    }

    @Test
    void aConnectionThatSendsPartOfItsHeadAndThenNothingIsClosedAtTheIdleTimeout() {
        RawHttp.Reply reply = RawHttp.send(root, "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow", 30_000);
        assertThat(reply.closed()).as("closed after %d ms", reply.millis()).isTrue();
        assertThat(reply.text()).isEmpty();
        assertThat(reply.millis()).isBetween(idleTimeout.toMillis() - 1000, idleTimeout.toMillis() + 5000);
    }

    @Test
    void aHeadFedOneByteAtATimeIsClosedAtTheIdleTimeoutToo() throws Exception {
        // Vert.x's idle timeout counts whole heads and body chunks as reads, not bytes: a drip feeds none
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Void> drip = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        Thread.sleep(1000);
                        socket.getOutputStream().write('a');
                        socket.getOutputStream().flush();
                    }
                } catch (Exception e) {
                    // closed by the server
                }
            }, CLIENTS);
            long start = System.nanoTime();
            socket.setSoTimeout(30_000);
            int read = socket.getInputStream().read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            drip.cancel(true);
            assertThat(read).as("closed, nothing answered").isEqualTo(-1);
            assertThat(millis).isBetween(idleTimeout.toMillis() - 1000, idleTimeout.toMillis() + 5000);
        }
    }
}
