package io.cameltogether.audio.client;

import java.util.Objects;

/**
 * The Together API key. Kept in its own type so that no {@code toString}, log line or exception message can print
 * it by accident: only {@link #bearerHeaderValue()} reveals it, for the Authorization header.
 */
public final class ApiKey {

    public static final String ENVIRONMENT_VARIABLE = "TOGETHER_API_KEY";

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("API key is empty");
        }
        return new ApiKey(value.trim());
    }

    public String bearerHeaderValue() {
        return "Bearer " + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
