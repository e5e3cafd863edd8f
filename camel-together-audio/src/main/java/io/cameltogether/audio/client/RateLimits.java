package io.cameltogether.audio.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The rate-limit headers of one answer, as Together sends them on every answer: {@code x-ratelimit-limit} and
 * {@code x-ratelimit-remaining} (requests per second), {@code x-ratelimit-reset} (the suggested retry interval, in
 * seconds), {@code x-tokenlimit-limit} and {@code x-tokenlimit-remaining}, and their {@code -dynamic} variants. Only
 * these names are read, and only finite values from 0 to {@link #MAX_VALUE}: anything else a server sends is
 * ignored. A suggested retry interval over a minute is followed for a minute.
 *
 * @param values the headers present, by lower-case name, in the order of {@link #NAMES}
 */
public record RateLimits(Map<String, Double> values) {

    public static final String REQUEST_LIMIT = "x-ratelimit-limit";
    public static final String REQUESTS_REMAINING = "x-ratelimit-remaining";
    public static final String RESET = "x-ratelimit-reset";
    public static final String TOKEN_LIMIT = "x-tokenlimit-limit";
    public static final String TOKENS_REMAINING = "x-tokenlimit-remaining";
    private static final String DYNAMIC = "-dynamic";
    public static final List<String> NAMES = List.of(REQUEST_LIMIT, REQUESTS_REMAINING, RESET, TOKEN_LIMIT,
            TOKENS_REMAINING, REQUEST_LIMIT + DYNAMIC, REQUESTS_REMAINING + DYNAMIC, TOKEN_LIMIT + DYNAMIC,
            TOKENS_REMAINING + DYNAMIC);
    /** Larger values are not a rate any server admits: a broken or hostile header. */
    static final double MAX_VALUE = 1e12;
    /** The longest suggested retry interval followed, as for Retry-After. */
    static final double MAX_RESET_SECONDS = RetryPolicy.MAX_SERVER_DELAY.toSeconds();

    public static final RateLimits NONE = new RateLimits(Map.of());

    public RateLimits {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads the known headers through {@code header}, which gives a header's first value by name, or null. */
    public static RateLimits read(Function<String, String> header) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            Double value = parse(header.apply(name));
            if (value != null) {
                values.put(name, name.equals(RESET) ? Math.min(value, MAX_RESET_SECONDS) : value);
            }
        }
        return values.isEmpty() ? NONE : new RateLimits(values);
    }

    private static Double parse(String text) {
        if (text == null || text.length() > 32) {
            return null;
        }
        try {
            String number = text.strip().toLowerCase(Locale.ROOT);
            // a unit suffix, as some gateways write the reset: "0.5s"
            double value = Double.parseDouble(number.endsWith("s") ? number.substring(0, number.length() - 1) : number);
            return Double.isFinite(value) && value >= 0 && value <= MAX_VALUE ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * The requests per second the API admits now: the lower of the static and the dynamic limit when both are
     * sent, null when neither is (or either is 0, which no working limit is).
     */
    public Double requestLimit() {
        Double limit = values.get(REQUEST_LIMIT);
        Double dynamic = values.get(REQUEST_LIMIT + DYNAMIC);
        Double lower = limit;
        if (lower == null || dynamic != null && dynamic < lower) {
            lower = dynamic;
        }
        return lower == null || lower <= 0 ? null : lower;
    }

    public Double requestsRemaining() {
        return values.get(REQUESTS_REMAINING);
    }

    /** The suggested retry interval in seconds, at most a minute (a longer one is cut to that), or null. */
    public Double resetSeconds() {
        return values.get(RESET);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
