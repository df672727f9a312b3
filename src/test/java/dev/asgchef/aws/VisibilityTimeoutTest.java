package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisibilityTimeoutTest {
    @Test
    void thirtySecondsToTwelveHoursFit() {
        assertTrue(VisibilityTimeout.fits(30));
        assertTrue(VisibilityTimeout.fits(300));
        assertTrue(VisibilityTimeout.fits(43_200));
    }

    @Test
    void shorterThanSqssDefaultOrLongerThanSqsAllowsDoesNot() {
        assertFalse(VisibilityTimeout.fits(29));
        assertFalse(VisibilityTimeout.fits(10));
        assertFalse(VisibilityTimeout.fits(0));
        assertFalse(VisibilityTimeout.fits(43_201));
    }
}
