package dev.asgchef.report;

import java.util.Locale;

/** The verb of a step line, as done and as a dry run would say it. */
public enum Action {
    CREATE("Creating", "Would create"),
    UPDATE("Updating", "Would update"),
    DELETE("Deleting", "Would delete"),
    /** Putting back what a rolled-back run changed on a resource that existed before it. */
    RESTORE("Restoring", "Would restore"),
    CHECK("Checking", "Would check"),
    VERIFY("Verifying", "Would verify"),
    TAG("Tagging", "Would tag"),
    WRITE("Writing", "Would write"),
    COMPLETE("Completing", "Would complete"),
    START("Starting", "Would start");

    private final String doing;
    private final String planned;

    Action(String doing, String planned) {
        this.doing = doing;
        this.planned = planned;
    }

    public String doing() {
        return doing;
    }

    public String planned() {
        return planned;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
