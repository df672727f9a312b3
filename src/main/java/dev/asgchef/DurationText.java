package dev.asgchef;

import java.time.Duration;

/** A duration as operators write one on the command line, the inverse of the duration options' parser. */
public final class DurationText {
    private DurationText() {}

    /** {@code 30m}, {@code 1h30m}, {@code 45s}, {@code 500ms}. */
    public static String of(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
