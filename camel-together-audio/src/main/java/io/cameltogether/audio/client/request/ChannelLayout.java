package io.cameltogether.audio.client.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * How a multi-channel recording is transcribed with {@code channels=separate}: each channel on its own, its words
 * labelled with the channel's name (agent, customer). Channels without a name given are named channel1, channel2...
 *
 * @param names the names given, first channel first; may be empty
 */
public record ChannelLayout(List<String> names) {

    /** More channels than any call recording or meeting mixer produces; each is a request. */
    public static final int MAX_CHANNELS = 8;
    private static final int MAX_NAME_LENGTH = 64;
    /** What labels a text line, an SRT cue and a WebVTT voice tag without breaking any of them. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-][\\p{L}\\p{N} _.-]{0,"
            + (MAX_NAME_LENGTH - 1) + "}");

    public ChannelLayout {
        names = List.copyOf(names);
    }

    /**
     * The layout {@code channelNames} describes (comma-separated, may be null or empty).
     *
     * @throws AudioValidationException naming the option, for a blank, repeated or overlong name, or too many
     */
    public static ChannelLayout of(String channelNames) {
        List<String> names = new ArrayList<>();
        if (channelNames != null && !channelNames.isBlank()) {
            Set<String> seen = new HashSet<>();
            for (String raw : channelNames.split(",", -1)) {
                String name = raw.strip();
                if (!NAME.matcher(name).matches() || !seen.add(name)) {
                    throw new AudioValidationException("channelNames '" + channelNames + "' is not valid: give one "
                            + "distinct name per channel, first channel first, separated by commas (e.g. "
                            + "agent,customer); each 1 to " + MAX_NAME_LENGTH + " letters, digits, spaces, '_', "
                            + "'.' or '-'");
                }
                names.add(name);
            }
        }
        if (names.size() > MAX_CHANNELS) {
            throw new AudioValidationException("channelNames names " + names.size() + " channels; at most "
                    + MAX_CHANNELS + " are transcribed apart");
        }
        return new ChannelLayout(names);
    }

    /** The name of channel {@code index} (from 0). */
    public String name(int index) {
        return index < names.size() ? names.get(index) : "channel" + (index + 1);
    }
}
