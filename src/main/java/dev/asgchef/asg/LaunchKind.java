package dev.asgchef.asg;

/** What the group launches its instances from. */
public enum LaunchKind {
    /** Versioned, and the only kind AWS still develops; the default. */
    TEMPLATE("Launch Template"),
    /** Immutable and being retired by AWS; kept for accounts and runbooks that still need it. */
    CONFIGURATION("Launch Configuration");

    private final String title;

    LaunchKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
