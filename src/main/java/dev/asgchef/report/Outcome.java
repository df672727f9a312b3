package dev.asgchef.report;

/** How one step ended, in the operator's words. */
public enum Outcome {
    SUCCESS("Success", Tone.GOOD),
    EXISTS("Exists", Tone.NEUTRAL),
    UPDATED("Updated", Tone.GOOD),
    ALREADY_ABSENT("Already absent", Tone.NEUTRAL),
    AVAILABLE("Available", Tone.GOOD),
    SKIPPED("Skipped", Tone.NEUTRAL),
    REFUSED("Refused", Tone.BAD),
    FAILED("Failed", Tone.BAD),
    /** A dry run's step: nothing was done, the line says what would be. */
    PLANNED("Planned", Tone.NEUTRAL);

    /** How a terminal colours the outcome. */
    public enum Tone {
        GOOD,
        NEUTRAL,
        BAD
    }

    private final String label;
    private final Tone tone;

    Outcome(String label, Tone tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    public Tone tone() {
        return tone;
    }

    /** The value used in JSON output: {@code already_absent}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
