package dev.asgchef.drain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a running drain to stop: it receives no more messages, returns the ones not yet started to the queue, finishes
 * the cleanups in flight and deletes only what they finished. The command's shutdown hook requests it on SIGTERM or
 * SIGINT; tests request it directly.
 */
public final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile boolean bySignal;

    public void request() {
        requested.countDown();
    }

    /** A stop asked for by SIGTERM or SIGINT: the JVM then exits 143 (130), whatever the run's own exit code. */
    public void requestBySignal() {
        bySignal = true;
        request();
    }

    /** True once a signal asked for the stop. */
    public boolean bySignal() {
        return bySignal;
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code millis} for a request; true if one came. */
    boolean await(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }
}
