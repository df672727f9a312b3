package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GroupNotificationsTest {
    private static final String TERMINATE = "autoscaling:EC2_INSTANCE_TERMINATE";
    private static final String LAUNCH = "autoscaling:EC2_INSTANCE_LAUNCH";

    private final FakeAws aws = new FakeAws();

    @Test
    void readsOnlyTheTypesOfThisTopic() {
        aws.autoScaling.notifications(FakeAws.GROUP, FakeAws.topicArn("events"), List.of(TERMINATE));
        aws.autoScaling.notifications(FakeAws.GROUP, FakeAws.topicArn("ops-email"), List.of(LAUNCH));

        GroupNotifications found = GroupNotifications.read(aws.autoScaling, FakeAws.GROUP, FakeAws.topicArn("events"));

        assertEquals(Set.of(TERMINATE), found.current());
    }

    @Test
    void whatACommandNeedsIsAddedToWhatIsThereNeverInPlaceOfIt() {
        GroupNotifications found =
                new GroupNotifications(FakeAws.GROUP, FakeAws.topicArn("events"), new TreeSet<>(Set.of(LAUNCH)));

        assertFalse(found.covers(List.of(TERMINATE)));
        assertEquals(List.of(LAUNCH, TERMINATE), found.with(List.of(TERMINATE)));
    }

    @Test
    void aTopicThatHearsOfMoreCoversWhatIsNeeded() {
        GroupNotifications found = new GroupNotifications(
                FakeAws.GROUP, FakeAws.topicArn("events"), new TreeSet<>(Set.of(LAUNCH, TERMINATE)));

        assertTrue(found.covers(List.of(TERMINATE)));
        assertEquals(List.of(LAUNCH, TERMINATE), found.with(List.of(TERMINATE)));
    }

    @Test
    void putSendsTheWholeSetForTheTopic() {
        GroupNotifications found = GroupNotifications.read(aws.autoScaling, FakeAws.GROUP, FakeAws.topicArn("events"));

        found.put(aws.autoScaling, found.with(List.of(LAUNCH, TERMINATE)));

        assertEquals(
                Set.of(LAUNCH, TERMINATE),
                aws.autoScaling.notificationTypes(FakeAws.GROUP).get(FakeAws.topicArn("events")));
    }
}
