package org.ipythonblocks.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ipythonblocks.CommandException;

/**
 * Where {@code import} reads from: a file as it is, or standard input ({@code -}) or an http(s) URL
 * copied to a temporary file first, which {@link #close} deletes. A copy stops with a usage error past
 * {@code ipb.import.max-input-bytes}, so a wrong pipe cannot fill the dyno's disk; a download must
 * connect within {@value #CONNECT_SECONDS} s, answer within {@value #ANSWER_SECONDS} s and never
 * stall for {@value #STALL_SECONDS} s.
 */
final class ImportInput implements AutoCloseable {

    static final int CONNECT_SECONDS = 10;
    static final int ANSWER_SECONDS = 30;
    static final int STALL_SECONDS = 60;

    private final Path file;
    private final boolean temporary;

    private ImportInput(Path file, boolean temporary) {
        this.file = file;
        this.temporary = temporary;
    }

    static ImportInput open(String source, long maxBytes, PrintStream progress) {
        if (source.equals(ImportCommand.STANDARD_STREAM)) {
            return copy(System.in, "standard input", maxBytes, progress, () -> {
                // a read of standard input cannot be interrupted: nothing came, so give up the command
                System.err.println("ipythonblocks: nothing came on standard input for " + STALL_SECONDS
                        + " s; give the file with import - < FILE");
                System.exit(CommandException.EXIT_CODE);
            });
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return download(source, maxBytes, progress);
        }
        return new ImportInput(Path.of(source), false);
    }

    /** The file to import. */
    Path file() {
        return file;
    }

    /** Whether the input is a file of this machine (rejects may go beside it), not a copy. */
    boolean isLocalFile() {
        return !temporary;
    }

    private static ImportInput download(String url, long maxBytes, PrintStream progress) {
        String shown = withoutQuery(url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(ANSWER_SECONDS)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandException("cannot download " + shown + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while downloading " + shown, e);
        }
        InputStream body = response.body();
        if (response.statusCode() != 200) {
            close(body);
            throw new CommandException("cannot download " + shown + ": it answered " + response.statusCode());
        }
        return copy(body, shown, maxBytes, progress, () -> close(body));
    }

    /**
     * Copies {@code in} to a temporary file, at most {@code maxBytes}. {@code abort} unblocks a read
     * that has waited {@value #STALL_SECONDS} s for a byte (standard input waits for its writer).
     */
    private static ImportInput copy(InputStream in, String what, long maxBytes, PrintStream progress, Runnable abort) {
        Path temp;
        try {
            temp = Files.createTempFile("ipb-import-", ".input");
            temp.toFile().deleteOnExit(); // also when the command ends with System.exit
        } catch (IOException e) {
            throw new CommandException("cannot make a temporary file for " + what + ": " + e.getMessage(), e);
        }
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipb-import-stall-watch");
            t.setDaemon(true);
            return t;
        });
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            watchdog.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastRead.get() > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                    abort.run();
                }
            }, 1, 1, TimeUnit.SECONDS);
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0;) {
                lastRead.set(System.nanoTime());
                total += n;
                if (total > maxBytes) {
                    throw new CommandException(what + " is larger than " + maxBytes
                            + " bytes (IPB_IMPORT_MAX_INPUT_BYTES); import a file instead, or raise the limit");
                }
                out.write(buffer, 0, n);
            }
            progress.printf(Locale.ROOT, "import: %,d bytes read from %s%n", total, what);
            done = true;
            return new ImportInput(temp, true);
        } catch (IOException e) {
            throw new CommandException("cannot read " + what + ": " + e.getMessage(), e);
        } finally {
            watchdog.shutdownNow();
            if (!done) {
                delete(temp);
            }
        }
    }

    private static String withoutQuery(String url) {
        int cut = url.indexOf('?');
        return cut < 0 ? url : url.substring(0, cut) + "?…";
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only to unblock or to give the connection back
        }
    }

    private static void delete(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a temporary file; the dyno's disk goes with it
        }
    }

    @Override
    public void close() {
        if (temporary) {
            delete(file);
        }
    }
}
