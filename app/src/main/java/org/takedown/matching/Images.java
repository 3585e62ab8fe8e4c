package org.takedown.matching;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.takedown.pdq.PdqHash;
import org.takedown.shared.errors.TooBusyException;

/**
 * The one way the application decodes an image or a video, for every caller (hash-check uploads, first looks, online
 * checks): one {@link ImageHasher} and one {@link VideoHasher} with the configured limits, and at most
 * {@code concurrentImages} decodes (of either) in flight in the whole process, so the memory that decoding can take is
 * bounded by that number times {@link ImageHasher#memoryBound()} (for a video, FFmpeg's buffers for frames within the
 * video limits). Uploads wait for a slot only while fewer than {@code imageQueue} others wait
 * ({@link TooBusyException}, HTTP 429, beyond that); background work waits its turn. Thread-safe.
 */
@Component
public class Images {

    private final ImageHasher hasher;
    private final VideoHasher videos;
    private final Semaphore slots;
    private final int queue;
    private final AtomicInteger waitingUploads = new AtomicInteger();

    public Images(MatchingProperties properties, MeterRegistry meters) {
        this.hasher = new ImageHasher(properties.maxImagePixels(), properties.maxImageSide());
        this.videos = new VideoHasher(properties.video().limits());
        this.slots = new Semaphore(properties.concurrentImages(), true);
        this.queue = properties.imageQueue();
        Gauge.builder("takedown.images.decoding", () -> properties.concurrentImages() - slots.availablePermits())
                .description("Images being decoded now (all callers)")
                .register(meters);
        Gauge.builder("takedown.images.waiting", slots, Semaphore::getQueueLength)
                .description("Callers waiting for a decode slot")
                .register(meters);
    }

    /** Hashes an uploaded image, refusing at once when too many uploads wait already. */
    public ImageHashes hashUpload(byte[] bytes) {
        return upload(() -> hasher.hash(bytes));
    }

    /** Hashes an uploaded video, refusing at once when too many uploads wait already. */
    public VideoHashes hashVideoUpload(byte[] bytes) {
        return upload(() -> videos.hash(bytes));
    }

    /**
     * Hashes a fetched video in background work, waiting for a slot.
     *
     * @throws VideoRejectedException when the bytes are no video that can be hashed
     * @throws InterruptedException when the waiting thread is interrupted (its job is stopping)
     */
    public VideoHashes hashVideo(byte[] bytes) throws InterruptedException {
        return inTurn(() -> videos.hash(bytes));
    }

    private <T> T upload(Supplier<T> decode) {
        if (waitingUploads.incrementAndGet() > queue) {
            waitingUploads.decrementAndGet();
            throw new TooBusyException(
                    "too many images and videos are waiting to be hashed (" + queue + "); retry in a few seconds", 2);
        }
        try {
            slots.acquireUninterruptibly();
        } finally {
            waitingUploads.decrementAndGet();
        }
        try {
            return decode.get();
        } finally {
            slots.release();
        }
    }

    /**
     * Hashes fetched content in background work, waiting for a slot.
     *
     * @throws ImageRejectedException when the bytes are no image that can be hashed
     * @throws InterruptedException when the waiting thread is interrupted (its job is stopping)
     */
    public ImageHashes hash(byte[] bytes) throws InterruptedException {
        return inTurn(() -> hasher.hash(bytes));
    }

    /** Only the PDQ hash of fetched content (comparing two versions of a picture), waiting for a slot. */
    public PdqHash pdq(byte[] bytes) throws InterruptedException {
        return inTurn(() -> hasher.pdq(bytes));
    }

    /** {@code decode} run in a decode slot, waiting for one as long as it takes. */
    private <T> T inTurn(Supplier<T> decode) throws InterruptedException {
        slots.acquire();
        try {
            return decode.get();
        } finally {
            slots.release();
        }
    }

    /** The decode slots (tests hold one to fill the queue). */
    Semaphore slots() {
        return slots;
    }
}
