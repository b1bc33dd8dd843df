package org.ipythonblocks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

/**
 * GETs a path as bytes exactly as they came over the wire: unlike REST Assured, nothing is
 * decompressed, so tests can see what gzip saved and check the compressed bytes themselves.
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RawHttp() {
    }

    /** {@code headers} as name, value, name, value… */
    public static HttpResponse<byte[]> get(String root, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.replaceAll("/$", "") + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer as it came over a socket: the status line's code and reason phrase, the header block, the body. */
    public record Answer(int status, String reason, String head, String body) {

        /**
         * What {@code requests}' {@code raise_for_status()} raises for it, the only line a notebook shows:
         * {@code "404 Client Error: Not Found for url: http://…"} ({@code Server Error} for 5xx).
         */
        public String raiseForStatus(String url) {
            return status + (status < 500 ? " Client Error: " : " Server Error: ") + reason + " for url: " + url;
        }
    }

    /**
     * One HTTP/1.1 exchange over a plain socket, as {@code requests} makes it: the request line and
     * headers, the whole body (with Content-Length, or chunked when {@code chunked}) written by another
     * thread while the answer is read, so a server that answers before it read everything is seen as it is.
     */
    public static Answer exchange(java.net.URL root, String method, String path, byte[] body, boolean chunked) {
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort()
                    + "\r\nUser-Agent: python-requests/2.31.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\nConnection: close\r\n"
                    + (body == null ? "" : chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> writeBody(out, body, chunked), "raw-http-body");
            writer.start();
            byte[] answer = socket.getInputStream().readAllBytes();
            writer.join(30_000);
            String text = new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1);
            int endOfHead = text.indexOf("\r\n\r\n");
            String statusLine = text.substring(0, text.indexOf("\r\n"));
            String[] parts = statusLine.split(" ", 3);
            return new Answer(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", text.substring(0, endOfHead),
                    new String(answer, endOfHead + 4, answer.length - endOfHead - 4, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeBody(java.io.OutputStream out, byte[] body, boolean chunked) {
        if (body == null) {
            return;
        }
        try {
            if (!chunked) {
                out.write(body);
            } else {
                for (int at = 0; at < body.length; at += 65536) {
                    int n = Math.min(65536, body.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before it read it all: what it answered is what counts
        }
    }

    public static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything a server sent back on one connection, until it closed it or the wait ran out. */
    public record Reply(String text, long millis, boolean closed) {

        /** The status line of each answer on the connection, in order. */
        public java.util.List<String> statusLines() {
            return text.lines().filter(line -> line.startsWith("HTTP/1.")).toList();
        }

        public int status() {
            return Integer.parseInt(statusLines().get(0).split(" ", 3)[1]);
        }

        public String reason() {
            String[] parts = statusLines().get(0).split(" ", 3);
            return parts.length > 2 ? parts[2] : "";
        }

        public String head() {
            return text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
        }

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    /**
     * Writes {@code request} as it is (the test spells out every byte: a malformed header, a body cut
     * short) and reads what comes back, for at most {@code waitMillis}.
     */
    public static Reply send(java.net.URL root, String request, long waitMillis) {
        return send(root, request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), waitMillis);
    }

    public static Reply send(java.net.URL root, byte[] request, long waitMillis) {
        long start = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            boolean closed = false;
            long deadline = start + waitMillis * 1_000_000;
            while (!closed && System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    int n = socket.getInputStream().read(buffer);
                    if (n < 0) {
                        closed = true;
                    } else {
                        answer.write(buffer, 0, n);
                    }
                } catch (java.net.SocketTimeoutException e) {
                    break;
                } catch (java.net.SocketException e) {
                    closed = true; // reset: closed by the server
                }
            }
            return new Reply(answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1), (System.nanoTime() - start) / 1_000_000, closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
