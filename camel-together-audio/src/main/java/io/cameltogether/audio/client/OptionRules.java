package io.cameltogether.audio.client;

import java.time.Duration;

/**
 * The rules option values must keep, each written once, with a message that names the option and says what it
 * accepts. The client's settings check them when they are built, and the endpoint, through them, when it is made.
 */
public final class OptionRules {

    public static final String DURATION = "milliseconds, or a duration such as 30s or 5m";

    private OptionRules() {
    }

    public static void atLeast(String option, long value, long min, String accepted) {
        if (value < min) {
            throw new AudioValidationException(option + "=" + value + " is not accepted: give " + accepted);
        }
    }

    public static void atMost(String option, long value, long max, String accepted) {
        if (value > max) {
            throw new AudioValidationException(option + "=" + value + " is not accepted: give " + accepted
                    + " up to " + max);
        }
    }

    public static void positive(String option, long millis) {
        atLeast(option, millis, 1, DURATION + " above 0");
    }

    public static void positive(String option, Duration value) {
        positive(option, value.toMillis());
    }

    public static void notNegative(String option, Duration value, String accepted) {
        atLeast(option, value.toMillis(), 0, accepted);
    }

    /** A rate ceiling: 0 for none, else at least one request in 1,000 seconds, and finite. */
    public static void requestsPerSecond(String option, double value, double min) {
        if (!(value == 0 || value >= min) || Double.isInfinite(value)) {
            throw new AudioValidationException(option + "=" + value + " is not accepted: give requests per second "
                    + "from " + min + ", such as 20 or 0.5, or 0 for no ceiling");
        }
    }

    /** A share or probability: null (the server's default), or 0 to 1. */
    public static void fraction(String option, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new AudioValidationException(option + " " + value + " is outside the accepted range 0..1");
        }
    }

    /** A model id: any non-empty string, since Together's catalog changes; {@code example} says what one is. */
    public static void model(String option, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new AudioValidationException(option + " is empty: name " + example);
        }
    }
}
