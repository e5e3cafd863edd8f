package io.cameltogether.audio.support;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.spi.UriParam;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.ClientSettings;

/**
 * The ranges the endpoint's numeric options must lie in, and the accepted values of its enumerated ones, checked when
 * the endpoint is made, so a mistyped URI fails at startup with the option's name and what it accepts.
 */
public final class OptionRanges {

    private static final String DURATION = "milliseconds, or a duration such as 30s or 5m";

    private OptionRanges() {
    }

    public static void check(TogetherAudioConfiguration c) {
        positiveDuration("connectTimeout", c.getConnectTimeout());
        positiveDuration("requestTimeout", c.getRequestTimeout());
        atLeast("retryDelay", c.getRetryDelay(), 0, DURATION + "; 0 retries at once");
        atLeast("maxRetries", c.getMaxRetries(), 0, "a count; 0 disables retries");
        atLeast("maxConcurrentRequests", c.getMaxConcurrentRequests(), 1, "a count of 1 or more");
        atLeast("maxQueuedRequests", c.getMaxQueuedRequests(), 0,
                "a count; 0 makes every sender wait for a free request slot");
        atLeast("maxUploadSize", c.getMaxUploadSize(), 1, "a size in bytes");
        atLeast("maxResponseSize", c.getMaxResponseSize(), 1, "a size in bytes");
        atMost("maxResponseSize", c.getMaxResponseSize(), ClientSettings.MAX_RESPONSE_SIZE, "a size in bytes");
        atLeast("maxRateLimitWait", c.getMaxRateLimitWait(), 0, DURATION + "; 0 fails at the first 429");
        double perSecond = c.getMaxRequestsPerSecond();
        if (!(perSecond == 0 || perSecond >= ClientSettings.MIN_REQUESTS_PER_SECOND) || Double.isInfinite(perSecond)) {
            throw new AudioValidationException("maxRequestsPerSecond=" + perSecond + " is not accepted: give "
                    + "requests per second from " + ClientSettings.MIN_REQUESTS_PER_SECOND + ", such as 20 or 0.5, or "
                    + "0 for no ceiling");
        }
        atLeast("maxAudioDuration", c.getMaxAudioDuration(), 1000, DURATION + " of 1s or more");
        if (c.getPartDuration() != 0) {
            atLeast("partDuration", c.getPartDuration(), 1000, DURATION + " of 1s or more, or 0 to split only "
                    + "what maxAudioDuration and maxUploadSize require");
        }
        positiveDuration("sessionIdleTimeout", c.getSessionIdleTimeout());
        atLeast("maxSessions", c.getMaxSessions(), 1, "a count of 1 or more");
        atLeast("concurrentConsumers", c.getConcurrentConsumers(), 1, "a count of 1 or more");
        positiveDuration("sessionCreatedTimeout", c.getSessionCreatedTimeout());
        positiveDuration("serverSilenceTimeout", c.getServerSilenceTimeout());
        atLeast("reconnectAttempts", c.getReconnectAttempts(), 0, "a count; 0 disables reconnecting");
        atLeast("reconnectMaxTime", c.getReconnectMaxTime(), 0, DURATION);
        atLeast("reconnectDelay", c.getReconnectDelay(), 0, DURATION);
        positiveDuration("keepAliveInterval", c.getKeepAliveInterval());
        atLeast("finalTranscriptQuiet", c.getFinalTranscriptQuiet(), 0, DURATION);
        positiveDuration("finalTranscriptTimeout", c.getFinalTranscriptTimeout());
    }

    /**
     * The values an enumerated option accepts, from its {@code @UriParam(enums)}, or null when the option is not
     * enumerated.
     */
    public static String acceptedValues(String option) {
        try {
            UriParam param = field(option).getAnnotation(UriParam.class);
            if (param == null || param.enums().isEmpty()) {
                return null;
            }
            List<String> values = Arrays.stream(param.enums().split("(?<!\\\\),")).map(v -> v.replace("\\,", ","))
                    .toList();
            return values.size() == 1 ? values.get(0) : String.join(", ", values.subList(0, values.size() - 1))
                    + " or " + values.get(values.size() - 1);
        } catch (NoSuchFieldException notAnOption) {
            return null;
        }
    }

    /** The option's field, declared in the configuration or in one of its superclasses. */
    private static Field field(String option) throws NoSuchFieldException {
        for (Class<?> type = TogetherAudioConfiguration.class; type != null; type = type.getSuperclass()) {
            try {
                return type.getDeclaredField(option);
            } catch (NoSuchFieldException notHere) {
                // look further up
            }
        }
        throw new NoSuchFieldException(option);
    }

    private static void positiveDuration(String option, long value) {
        atLeast(option, value, 1, DURATION + " above 0");
    }

    private static void atMost(String option, long value, long max, String accepted) {
        if (value > max) {
            throw new AudioValidationException(option + "=" + value + " is not accepted: give " + accepted
                    + " up to " + max);
        }
    }

    private static void atLeast(String option, long value, long min, String accepted) {
        if (value < min) {
            throw new AudioValidationException(option + "=" + value + " is not accepted: give " + accepted);
        }
    }
}
