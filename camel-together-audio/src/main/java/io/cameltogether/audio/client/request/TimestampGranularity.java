package io.cameltogether.audio.client.request;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.cameltogether.audio.client.AudioValidationException;

/** The API's {@code timestamp_granularities} values. */
public enum TimestampGranularity {
    SEGMENT,
    WORD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code "segment"}, {@code "word"} or {@code "segment,word"}; blank means none. */
    public static Set<TimestampGranularity> parseList(String value) {
        if (value == null || value.isBlank()) {
            return Collections.emptySet();
        }
        Set<TimestampGranularity> result = EnumSet.noneOf(TimestampGranularity.class);
        for (String part : value.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                result.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new AudioValidationException("timestampGranularities '" + value
                        + "' is not valid: use segment, word, or segment,word");
            }
        }
        return Collections.unmodifiableSet(result);
    }
}
