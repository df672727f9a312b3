package dev.asgchef.events;

/**
 * What one SQS message says, whatever shape it arrived in (SNS envelope, raw delivery, lifecycle hook, EventBridge).
 * Produced by {@link Events#parse(String)}.
 */
public sealed interface Event permits InstanceEvent, TestNotification, Ignorable, Malformed {
    /** A short description for report lines, e.g. {@code termination of i-0a1b2c3d4e5f60718 (web-asg)}. */
    String describe();
}
