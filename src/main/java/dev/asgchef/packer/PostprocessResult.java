package dev.asgchef.packer;

import java.util.Objects;

/**
 * How packer-postprocess ended.
 *
 * @param exitCode 0 done; 1 an AMI is not ready (nothing handed on); 3 the AMIs are ready but a Chef node was left
 * @param handoff the variables for the next CI step; empty unless the AMIs are ready
 */
public record PostprocessResult(int exitCode, AmiVariables amiVariables) {
    public PostprocessResult {
        Objects.requireNonNull(amiVariables, "handoff");
    }
}
