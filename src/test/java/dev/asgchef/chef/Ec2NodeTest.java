package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ec2NodeTest {
    private static Optional<Ec2Node> row(String json) throws Exception {
        JsonNode data = new ObjectMapper().readTree(json);
        return Ec2Node.fromSearch(data);
    }

    @Test
    void aRecentOhaiRowGivesRegionAccountAndCheckIn() throws Exception {
        Ec2Node node = row("{\"name\":\"web-1\",\"instance_id\":\"i-0abc1234def567890\",\"region\":\"eu-west-1\","
                        + "\"zone\":\"eu-west-1b\",\"account_id\":\"123456789012\",\"ohai_time\":1740830400.25}")
                .orElseThrow();
        assertEquals(Optional.of("eu-west-1"), node.region());
        assertEquals(Optional.of("123456789012"), node.accountId());
        assertEquals(Optional.of(Instant.parse("2025-03-01T12:00:00.250Z")), node.lastCheckIn());
    }

    @Test
    void anOlderOhaiRowGetsItsRegionFromTheZone() throws Exception {
        Ec2Node node = row("{\"name\":\"web-1\",\"instance_id\":\"i-0abc1234def567890\",\"region\":null,"
                        + "\"zone\":\"us-west-2-lax-1a\",\"account_id\":null,\"ohai_time\":null}")
                .orElseThrow();
        assertEquals(Optional.of("us-west-2"), node.region());
        assertEquals(Optional.empty(), node.accountId());
        assertEquals(Optional.empty(), node.lastCheckIn());
    }

    @Test
    void aRowWithoutAnInstanceIdIsNoEc2Node() throws Exception {
        assertEquals(Optional.empty(), row("{\"name\":\"laptop\",\"instance_id\":null}"));
    }
}
