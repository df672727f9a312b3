package dev.asgchef.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextReporterTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private TextReporter reporter(Verbosity verbosity, boolean color, boolean terminal) {
        return new TextReporter(new PrintWriter(out), new PrintWriter(err), verbosity, color, terminal);
    }

    @Test
    void stepLineIsInTheHouseVoice() {
        reporter(Verbosity.NORMAL, false, false).step(Step.of(Action.CREATE, "Launch Template", Outcome.SUCCESS));
        assertEquals("Creating Launch Template: Success" + System.lineSeparator(), out.toString());
    }

    @Test
    void failedStepCarriesItsReasonInParentheses() {
        reporter(Verbosity.NORMAL, false, false)
                .step(Step.failed(Action.CREATE, "Auto Scaling Group", "AccessDenied: not allowed"));
        assertEquals(
                "Creating Auto Scaling Group: Failed (AccessDenied: not allowed)",
                out.toString().trim());
    }

    @Test
    void dryRunStepSaysWouldAndWhat() {
        reporter(Verbosity.NORMAL, false, false)
                .step(Step.planned(
                        Action.DELETE, "Chef Node i-0123456789abcdef0", "DELETE /nodes/i-0123456789abcdef0"));
        assertEquals(
                "Would delete Chef Node i-0123456789abcdef0: DELETE /nodes/i-0123456789abcdef0",
                out.toString().trim());
    }

    @Test
    void quietPrintsFailuresOnly() {
        TextReporter r = reporter(Verbosity.QUIET, false, false);
        r.announce("Creating 'web' ASG");
        r.step(Step.of(Action.CREATE, "Launch Template", Outcome.SUCCESS));
        r.step(Step.failed(Action.CREATE, "Auto Scaling Group", "boom"));
        r.summary("done");
        assertEquals(
                "Creating Auto Scaling Group: Failed (boom)", out.toString().trim());
    }

    @Test
    void warningsGoToStderr() {
        reporter(Verbosity.NORMAL, false, false).warn("instance still running");
        assertEquals("", out.toString());
        assertEquals("Warning: instance still running", err.toString().trim());
    }

    @Test
    void progressIsHiddenWhenStderrIsNotATerminal() {
        reporter(Verbosity.NORMAL, false, false).progress("received 10");
        assertEquals("", err.toString());
        reporter(Verbosity.NORMAL, false, true).progress("received 10");
        assertEquals("received 10", err.toString().trim());
    }

    @Test
    void detailOnlyWhenVerbose() {
        reporter(Verbosity.NORMAL, false, false).detail("GET /nodes/x");
        assertEquals("", err.toString());
        reporter(Verbosity.VERBOSE, false, false).detail("GET /nodes/x");
        assertEquals("GET /nodes/x", err.toString().trim());
    }

    @Test
    void colourTintsOnlyTheOutcome() {
        reporter(Verbosity.NORMAL, true, false).step(Step.of(Action.CREATE, "Launch Template", Outcome.SUCCESS));
        String line = out.toString().trim();
        assertTrue(line.startsWith("Creating Launch Template: \u001b[32mSuccess\u001b[0m"), line);
    }
}
