package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link NodeSearch} by Chef's partial search: each page asks for the few attributes {@link Ec2Node} needs, so memory
 * and traffic grow with the number of nodes, not with their size.
 */
final class ApiNodeSearch implements NodeSearch {
    /** Rows per page: 10,000 nodes are ten requests, each answer a few hundred kilobytes. */
    static final int PAGE_ROWS = 1000;

    private static final String HAS_INSTANCE = "ec2_instance_id:*";

    private final ChefServer server;
    private final int pageRows;

    ApiNodeSearch(ChefServer server, int pageRows) {
        this.server = server;
        this.pageRows = pageRows;
    }

    @Override
    public void ec2Nodes(Optional<String> query, Consumer<Ec2Node> each) {
        String q =
                query.map(narrower -> HAS_INSTANCE + " AND (" + narrower + ")").orElse(HAS_INSTANCE);
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String[] attribute : Ec2Node.ATTRIBUTES) {
            wanted.put(attribute[0], Arrays.asList(attribute).subList(1, attribute.length));
        }
        long start = 0;
        while (true) {
            ChefServer.SearchPage page = server.partialSearch(q, wanted, start, pageRows);
            for (JsonNode row : page.rows()) {
                Ec2Node.fromSearch(row).ifPresent(each);
            }
            start += page.rows().size();
            if (page.rows().isEmpty() || start >= page.total()) {
                return;
            }
        }
    }
}
