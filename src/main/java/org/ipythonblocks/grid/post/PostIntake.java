package org.ipythonblocks.grid.post;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridPost;
import org.ipythonblocks.grid.GridService;
import org.ipythonblocks.grid.GridTakedown;

/**
 * Takes in {@code POST /post}: refuses a body over the limit, lets large bodies in one at a time,
 * reads and validates the body ({@link GridPostReader}), then stores the grid with the hash of a
 * fresh delete token. The body is read and checked before any database work, so an invalid post
 * never holds a connection.
 */
@ApplicationScoped
public class PostIntake {

    /** Bodies above this size are read one at a time, so a few 640×480 grids cannot exhaust a small heap. */
    static final long LARGE_BODY_BYTES = 1 << 20;
    private final Semaphore largeBodies = new Semaphore(1, true);

    @Inject
    GridService grids;

    @Inject
    GridIds ids;

    @Inject
    IpbConfig config;

    /** What {@code POST /post} answers: the share URL and the token that deletes the grid. */
    public record Posted(String url, String deleteToken) {
    }

    /**
     * Reads, validates and stores a posted body; answers the grid's share URL.
     *
     * @param contentLength the declared length, or -1 when the request did not say
     */
    public Posted post(InputStream body, long contentLength) {
        int limit = config.post().maxBodyBytes();
        if (contentLength > limit) {
            throw GridPostReader.tooLarge(limit);
        }
        boolean large = contentLength < 0 || contentLength > LARGE_BODY_BYTES;
        if (large && !acquire(largeBodies)) {
            throw new PostRejectedException(503, "The server is busy storing other large grids", List.of(
                    new PostRejectedException.Violation("(body)", "could not be read now; try again in a few seconds")));
        }
        try {
            GridPost post = new GridPostReader(limit).read(body);
            String deleteToken = ids.newDeleteToken();
            return new Posted(config.publicBaseUrl() + "/" + grids.store(post, GridTakedown.hash(deleteToken)), deleteToken);
        } finally {
            if (large) {
                largeBodies.release();
            }
        }
    }

    private static boolean acquire(Semaphore semaphore) {
        try {
            return semaphore.tryAcquire(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
