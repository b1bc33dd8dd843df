package org.ipythonblocks.web;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ipythonblocks.LogMask;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request on standard output: {@code <request id> <method> <path> <status> <ms>ms <bytes>B},
 * the path's secrets shortened ({@link LogMask}), and the path itself cut to its first
 * {@value #MAX_PATH_CHARS} characters (and how many more there were).
 *
 * <p>Written by hand rather than with {@code quarkus.http.access-log}: at tens of thousands of
 * requests a second on two cores, formatting each line through the logging framework cost a third
 * of the site's throughput. Here a request only builds its short line and queues it; one
 * background thread writes the queue out in batches.
 *
 * <p>The lines waiting, queued or in the batch being written, hold at most {@value #MAX_HELD_BYTES}
 * bytes of heap, however long the URLs and however long standard output stalls: about 20,000 ordinary
 * lines (a second of the site's peak), or 4,000 of the longest. A line past that is dropped and counted,
 * and the count is the next line written ({@code access log: N lines dropped}); a request is never held up.
 */
@ApplicationScoped
public class AccessLog {

    /** The heap the waiting lines may hold; see {@link #cost}. */
    static final long MAX_HELD_BYTES = 4L * 1024 * 1024;
    /** The longest path logged whole; a longer one keeps its start (where the route and id are). */
    static final int MAX_PATH_CHARS = 200;
    /** The longest method logged whole (Vert.x takes any token as a method). */
    static final int MAX_METHOD_CHARS = 16;
    private static final int BATCH = 1024;

    // Lock-free: the event loops only append; the writer thread takes. A lock here (ArrayBlockingQueue)
    // was contended by both event loops and the writer on every request.
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private OutputStream out;
    private final List<String> batch = new ArrayList<>();
    private Thread writer;
    private volatile boolean running = true;

    public AccessLog() {
    }

    /** Lines written to {@code out} rather than standard output. */
    AccessLog(OutputStream out) {
        this.out = out;
    }

    /** Started here, not in the constructor: CDI also constructs the bean's client proxy. */
    @PostConstruct
    void start() {
        if (out == null) {
            out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        }
        writer = new Thread(this::drain, "ipb-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void register(@Observes Filters filters) {
        filters.register(this::record, Routes.Order.ACCESS_LOG_FILTER);
    }

    private void record(RoutingContext rc) {
        begin(rc);
        rc.next();
    }

    /** Writes {@code rc}'s line when it ends; also for a request that failed before the filters ran. */
    public void begin(RoutingContext rc) {
        long start = System.nanoTime();
        rc.addEndHandler(done -> offer(line(rc.response().headers().get(RequestIds.HEADER_NAME), rc.request().method().name(),
                rc.request().path(), rc.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000,
                rc.response().bytesWritten())));
    }

    static String line(String id, String method, String path, int status, long millis, long bytes) {
        return new StringBuilder(96).append(id).append(' ').append(shorten(method, MAX_METHOD_CHARS)).append(' ')
                .append(shorten(LogMask.mask(path), MAX_PATH_CHARS)).append(' ').append(status).append(' ')
                .append(millis).append("ms ").append(bytes).append('B').toString();
    }

    /** {@code text} cut to {@code max} characters, then {@code …(N more)}; as it is when shorter. */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut) + "…(" + (text.length() - cut) + " more)";
    }

    /** Queues a line, or drops and counts it when the waiting lines would hold more than {@value #MAX_HELD_BYTES} bytes. */
    void offer(String line) {
        long cost = cost(line);
        if (held.addAndGet(cost) <= MAX_HELD_BYTES) {
            lines.offer(line);
        } else {
            held.addAndGet(-cost);
            dropped.incrementAndGet();
        }
    }

    /** Heap a waiting line holds, at most: two bytes a character, the string, its array and its queue node. */
    static long cost(String line) {
        return 2L * line.length() + 64;
    }

    /** Heap the waiting lines hold now, by {@link #cost}. */
    long heldBytes() {
        return held.get();
    }

    private void drain() {
        while (running || !lines.isEmpty()) {
            try {
                if (writeBatch() == 0) {
                    Thread.sleep(20); // idle: lines wait at most this long
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Writes up to {@value #BATCH} waiting lines, after the count of those dropped since the last
     * batch; how many it took. Their bytes count as held until they are written.
     */
    int writeBatch() {
        String line;
        while (batch.size() < BATCH && (line = lines.poll()) != null) {
            batch.add(line);
        }
        long lost = dropped.getAndSet(0);
        int taken = batch.size();
        try {
            if (lost > 0) {
                out.write(("access log: " + lost + " lines dropped\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String each : batch) {
                out.write(each.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            // standard output is gone; nothing useful to do
        }
        long written = 0;
        for (String each : batch) {
            written += cost(each);
        }
        held.addAndGet(-written);
        batch.clear();
        return taken;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(1000);
        }
    }
}
