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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ipythonblocks.LogMask;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request on standard output: {@code <request id> <method> <path> <status> <ms>ms <bytes>B},
 * the path's secrets shortened ({@link LogMask}).
 *
 * <p>Written by hand rather than with {@code quarkus.http.access-log}: at tens of thousands of
 * requests a second on two cores, formatting each line through the logging framework cost a third
 * of the site's throughput. Here a request only builds its short line and queues it; one
 * background thread writes the queue out in batches. The queue is bounded: if output ever falls
 * that far behind, lines are dropped and counted (reported in the next line written), never a
 * request held up.
 */
@ApplicationScoped
public class AccessLog {

    private static final int QUEUE = 65_536;
    private static final List<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();

    // Lock-free: the event loops only append; the writer thread takes. A lock here (ArrayBlockingQueue)
    // was contended by both event loops and the writer on every request.
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public AccessLog() {
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
        rc.addEndHandler(done -> {
            String id = rc.response().headers().get(RequestIds.HEADER_NAME);
            String line = new StringBuilder(96).append(id).append(' ').append(rc.request().method().name()).append(' ')
                    .append(LogMask.mask(rc.request().path())).append(' ').append(rc.response().getStatusCode()).append(' ')
                    .append((System.nanoTime() - start) / 1_000_000).append("ms ")
                    .append(rc.response().bytesWritten()).append('B').toString();
            if (queued.incrementAndGet() <= QUEUE) {
                lines.offer(line);
            } else {
                queued.decrementAndGet();
                dropped.incrementAndGet();
            }
            for (Consumer<String> listener : LISTENERS) {
                listener.accept(line);
            }
        });
    }

    private void drain() {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        List<String> batch = new ArrayList<>(1024);
        while (running || !lines.isEmpty()) {
            try {
                String line;
                while (batch.size() < 1024 && (line = lines.poll()) != null) {
                    batch.add(line);
                }
                if (batch.isEmpty()) {
                    Thread.sleep(20); // idle: lines wait at most this long
                    continue;
                }
                queued.addAndGet(-batch.size());
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.write(("access log: " + lost + " lines dropped\n").getBytes(StandardCharsets.UTF_8));
                }
                for (String each : batch) {
                    out.write(each.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                out.flush();
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                batch.clear(); // standard output is gone; nothing useful to do
            }
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.join(1000);
    }

    /** For tests: sees every line as it is logged. */
    public static void addListener(Consumer<String> listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Consumer<String> listener) {
        LISTENERS.remove(listener);
    }
}
