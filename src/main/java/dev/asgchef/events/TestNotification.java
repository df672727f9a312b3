package dev.asgchef.events;

/** {@code autoscaling:TEST_NOTIFICATION}: sent when a notification configuration or lifecycle hook is added. */
public record TestNotification(String groupName) implements Event {
    public TestNotification {
        groupName = groupName == null ? "" : groupName;
    }

    @Override
    public String describe() {
        return "test notification" + (groupName.isEmpty() ? "" : " for " + groupName);
    }
}
