package io.cameltogether.audio.support;

import java.util.Collection;
import java.util.stream.Collectors;

import org.apache.camel.Message;

import io.cameltogether.audio.client.AudioValidationException;

/** Reads override headers, turning a value of the wrong type into an error that names the header. */
public final class Headers {

    private Headers() {
    }

    public static <T> T get(Message message, String name, Class<T> type, T fallback) {
        Object raw = message.getHeader(name);
        if (raw == null) {
            return fallback;
        }
        T value = message.getExchange().getContext().getTypeConverter().tryConvertTo(type, message.getExchange(), raw);
        if (value == null) {
            throw new AudioValidationException("header " + name + " has the value '" + raw + "', which is not a valid "
                    + expected(type));
        }
        return value;
    }

    /** A String, or a Collection joined with commas. */
    public static String list(Message message, String name, String fallback) {
        Object raw = message.getHeader(name);
        if (raw instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return raw == null ? fallback : raw.toString();
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("value: use ");
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ")
                        .append(constants[i].toString().toLowerCase(java.util.Locale.ROOT));
            }
            return sb.toString();
        }
        return type.getSimpleName();
    }
}
