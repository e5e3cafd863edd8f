package io.cameltogether.audio.support;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.spi.UriParam;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.client.OptionRules;

/**
 * The ranges of the endpoint's options that no client settings hold, and the accepted values of its enumerated
 * ones, checked when the endpoint is made, so a mistyped URI fails at startup with the option's name and what it
 * accepts. The rest are checked by the client's settings, built (without a key) at the same moment.
 */
public final class OptionRanges {

    private OptionRanges() {
    }

    /** The options no client settings hold: those of the realtime endpoint and its consumer. */
    public static void check(TogetherAudioConfiguration c) {
        OptionRules.positive("sessionIdleTimeout", c.getSessionIdleTimeout());
        OptionRules.atLeast("maxSessions", c.getMaxSessions(), 1, "a count of 1 or more");
        OptionRules.atLeast("concurrentConsumers", c.getConcurrentConsumers(), 1, "a count of 1 or more");
        OptionRules.positive("sessionCreatedTimeout", c.getSessionCreatedTimeout());
        OptionRules.positive("serverSilenceTimeout", c.getServerSilenceTimeout());
        OptionRules.positive("keepAliveInterval", c.getKeepAliveInterval());
        OptionRules.atLeast("finalTranscriptQuiet", c.getFinalTranscriptQuiet(), 0, OptionRules.DURATION);
        OptionRules.positive("finalTranscriptTimeout", c.getFinalTranscriptTimeout());
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
}
