package dev.asgchef;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The project's one JSON configuration: every room that reads or writes JSON (SQS bodies, queue and key policies,
 * Chef server answers, Packer manifests, reports, node backups) gets its mapper here, so all of them follow the same
 * rules.
 *
 * <p>Reading: a document is one value. Text after it ({@code {...} {...}}) is an error, not ignored, because it means
 * the input was cut or glued together; and a key given twice is an error, because which value wins would decide what
 * the document means (a body with two {@code EC2InstanceId}s, a policy with two {@code Effect}s). Nesting is bounded
 * well above anything AWS, Chef or Packer writes (a node's attributes are the deepest, a few dozen levels), so a
 * hostile body cannot make the parser recurse deeply. Writing: compact by default (one line per JSON-lines event);
 * {@link #pretty()} where a person reads the file or the output.
 *
 * <p>It lives in the root package, beside {@link InstanceId}, because {@code events/} may depend on nothing but Jackson
 * and the root's value types.
 */
public final class Json {
    /** Deeper than any document this project reads; Jackson's own default is 500. */
    static final int MAX_NESTING_DEPTH = 200;

    private Json() {}

    /**
     * A mapper with the project's reading rules; compact when writing. Each caller keeps its own (mappers are cheap
     * once Jackson's classes are loaded), so none can reconfigure another's.
     */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** For a document a person reads: indented, one field a line. */
    public static ObjectWriter pretty() {
        return mapper().writerWithDefaultPrettyPrinter();
    }
}
