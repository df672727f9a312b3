package dev.asgchef.lambda;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.FakeChefServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQS handler in-process: what it answers when time runs out or an Error strikes mid-batch. */
class SqsHandlerTest {
    @TempDir
    Path directory;

    private final InProcessFunction in = new InProcessFunction();
    private FakeChefServer chef;
    private SqsHandler handler;

    @BeforeEach
    void start() throws Exception {
        chef = FakeChefServer.start(Clock.systemUTC());
        handler = new SqsHandler(in.function(chef, directory));
    }

    @AfterEach
    void stop() {
        chef.close();
    }

    private SQSEvent terminations(int count) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            chef.putNode(instanceId(i), instanceId(i));
            chef.putClient(instanceId(i));
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m-" + i);
            record.setBody(AwsMessages.terminate(instanceId(i)));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Test
    void messagesNotStartedForLackOfTimeAreAllBatchItemFailures() {
        SQSBatchResponse response = handler.handleRequest(terminations(2), new TestContext(() -> 1_000));
        List<String> failed = new ArrayList<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        assertEquals(List.of("m-1", "m-2"), failed);
        assertTrue(chef.hasNode(instanceId(1)) && chef.hasNode(instanceId(2)), "nothing was started");
    }

    @Test
    void anErrorMidBatchPropagatesSoNoMessageIsReportedDone() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        AtomicInteger asked = new AtomicInteger();
        // The time left is asked before each message: the Error strikes after the first message was cleaned.
        TestContext context = new TestContext(() -> {
            if (asked.incrementAndGet() == 2) {
                throw error;
            }
            return 60_000;
        });
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> handler.handleRequest(terminations(2), context)));
        assertTrue(chef.hasNode(instanceId(2)));
    }
}
