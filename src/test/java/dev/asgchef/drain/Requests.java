package dev.asgchef.drain;

import dev.asgchef.aws.QueueRef;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** DrainRequests for tests: the defaults with 1 s long polls, changed one option at a time. */
final class Requests {
    private String queue;
    private int workers = 4;
    private boolean verify = true;
    private OptionalInt maxDeletions = OptionalInt.empty();
    private OptionalLong maxMessages = OptionalLong.empty();
    private Optional<Duration> maxDuration = Optional.empty();
    private boolean follow;
    private boolean deleteMalformed;
    private boolean dryRun;
    private int waitSeconds = 1;
    private Duration retryDelay = RetryBackoff.DEFAULT_FIRST;
    private Duration maxRetryDelay = RetryBackoff.DEFAULT_MAX;

    Requests(String queue) {
        this.queue = queue;
    }

    Requests workers(int n) {
        workers = n;
        return this;
    }

    Requests noVerification() {
        verify = false;
        return this;
    }

    Requests maxDeletions(int n) {
        maxDeletions = OptionalInt.of(n);
        return this;
    }

    Requests maxMessages(long n) {
        maxMessages = OptionalLong.of(n);
        return this;
    }

    Requests maxDuration(Duration d) {
        maxDuration = Optional.of(d);
        return this;
    }

    Requests follow() {
        follow = true;
        return this;
    }

    Requests deleteMalformed() {
        deleteMalformed = true;
        return this;
    }

    Requests dryRun() {
        dryRun = true;
        return this;
    }

    Requests waitSeconds(int s) {
        waitSeconds = s;
        return this;
    }

    Requests retryDelays(Duration first, Duration max) {
        retryDelay = first;
        maxRetryDelay = max;
        return this;
    }

    DrainRequest build() {
        return new DrainRequest(
                QueueRef.parse(queue),
                workers,
                verify,
                maxDeletions,
                maxMessages,
                maxDuration,
                follow,
                deleteMalformed,
                dryRun,
                waitSeconds,
                retryDelay,
                maxRetryDelay);
    }
}
