package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

/**
 * Heroku stops a dyno with SIGTERM and kills it 30 seconds later. The app must stop taking new
 * requests, finish the ones in flight within 10 seconds, and exit.
 */
class GracefulShutdownIT {

    @Test
    void aPostInFlightWhenSigtermArrivesStillCompletesAndIsStored() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            byte[] body = TestGrids.body("BlockGrid", 40, 40, false, null).getBytes(StandardCharsets.US_ASCII);
            int half = body.length / 2;
            try (Socket socket = new Socket("127.0.0.1", app.port)) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /post HTTP/1.1\r\nHost: www.ipythonblocks.org\r\nUser-Agent: python-requests/2.31.0\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, half);
                out.flush();
                Thread.sleep(500); // the request is being received when the signal comes

                long signalled = System.nanoTime();
                app.process.destroy(); // SIGTERM
                Thread.sleep(1000);

                // A new request is refused once shutdown has begun.
                HttpResponse<String> fresh = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(app.url("/get/bizkiL"))).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(fresh.statusCode()).as("a request that arrives during shutdown").isEqualTo(503);
                assertThat(fresh.headers().firstValue("Retry-After")).contains("5");
                assertThat(fresh.body()).contains("restarting");

                out.write(body, half, body.length - half);
                out.flush();
                String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 200").contains("\"url\"").contains("/bizkiL");

                assertThat(app.process.waitFor(12, TimeUnit.SECONDS)).as("exits within 10 s of SIGTERM").isTrue();
                assertThat((System.nanoTime() - signalled) / 1_000_000).isLessThan(12_000);
                assertThat(app.process.exitValue()).isIn(0, 143);
            }
            try (Connection c = app.database.getPostgresDatabase().getConnection();
                    ResultSet rs = c.createStatement().executeQuery("select count(*) from public_grids")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the grid posted during shutdown was stored").isEqualTo(1);
            }
        }
    }

    /** Reads one HTTP response (headers plus a Content-Length body). */
    private static byte[] readAll(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buffer.write(chunk, 0, n);
            String text = buffer.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                if (m.find() && text.length() - end - 4 >= Integer.parseInt(m.group(1))) {
                    break;
                }
            }
        }
        return buffer.toByteArray();
    }
}
