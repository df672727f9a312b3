package dev.asgchef.drain;

/**
 * What a message's keep-alive and its decision tell each other while the decision runs: the keep-alive records
 * heartbeats only during a cleanup, and a lifecycle action it found already ended is not completed again.
 */
interface InWork {
    /** For a receiver without a keep-alive. */
    InWork NONE = new InWork() {
        @Override
        public void cleaning(boolean now) {}

        @Override
        public boolean lifecycleEnded() {
            return false;
        }
    };

    void cleaning(boolean now);

    boolean lifecycleEnded();
}
