package dev.asgchef.packer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the next CI step gets: {@code AMI_ID=ami-…} lines (and {@code AMI_ID_<REGION>} with several regions), the
 * format that shells, GitHub Actions' {@code $GITHUB_ENV} and GitLab's dotenv reports all read.
 */
public record AmiVariables(Map<String, String> variables) {
    public AmiVariables {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public static AmiVariables none() {
        return new AmiVariables(Map.of());
    }

    public boolean isEmpty() {
        return variables.isEmpty();
    }

    public List<String> lines() {
        return variables.entrySet().stream()
                .map(v -> v.getKey() + "=" + v.getValue())
                .toList();
    }
}
