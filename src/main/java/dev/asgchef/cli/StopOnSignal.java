package dev.asgchef.cli;

import dev.asgchef.drain.StopSignal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and SIGINT into a {@link StopSignal} while a long run is under way. The JVM runs shutdown hooks on
 * those signals and exits when they return; this hook requests the stop and then holds the exit until the run has
 * finished its in-flight work and reported (or the grace time is over), so nothing unfinished is deleted and the
 * summary is printed. Closed when the run ends, it removes itself.
 */
final class StopOnSignal implements AutoCloseable {
    /**
     * A backstop only: the run itself ends within a long poll (20 s) plus its in-flight grace (20 s) and reports. Well
     * under systemd's default stop timeout of 90 s.
     */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final StopSignal stop = new StopSignal();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "asgchef-stop");

    StopOnSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    StopSignal signal() {
        return stop;
    }

    private void onSignal() {
        stop.requestBySignal();
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that the run is over.
        }
    }
}
