package io.cameltogether.audio.batch;

import org.apache.camel.Message;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.ChannelLayout;
import io.cameltogether.audio.client.request.ChannelMode;
import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.request.ResponseFormat;
import io.cameltogether.audio.client.request.TimestampGranularity;
import io.cameltogether.audio.support.Headers;

/** Endpoint options, overridden per message by the {@code CamelTogetherAudio*} headers, as {@link BatchOptions}. */
public final class BatchOptionsMapper {

    private BatchOptionsMapper() {
    }

    public static BatchOptions fromConfiguration(TogetherAudioConfiguration c) {
        return new BatchOptions(c.getModel(), c.getLanguage(), c.getPrompt(), c.getResponseFormat(),
                c.getTemperature(), TimestampGranularity.parseList(c.getTimestampGranularities()),
                c.isDiarize() ? Boolean.TRUE : null, c.getMinSpeakers(), c.getMaxSpeakers());
    }

    public static BatchOptions fromMessage(TogetherAudioConfiguration c, Message m) {
        Boolean diarize = Headers.get(m, TogetherAudioConstants.DIARIZE, Boolean.class, c.isDiarize());
        return new BatchOptions(
                Headers.get(m, TogetherAudioConstants.MODEL, String.class, c.getModel()),
                Headers.get(m, TogetherAudioConstants.LANGUAGE, String.class, c.getLanguage()),
                Headers.get(m, TogetherAudioConstants.PROMPT, String.class, c.getPrompt()),
                Headers.get(m, TogetherAudioConstants.RESPONSE_FORMAT, ResponseFormat.class, c.getResponseFormat()),
                Headers.get(m, TogetherAudioConstants.TEMPERATURE, Double.class, c.getTemperature()),
                TimestampGranularity.parseList(
                        Headers.list(m, TogetherAudioConstants.TIMESTAMP_GRANULARITIES, c.getTimestampGranularities())),
                Boolean.TRUE.equals(diarize) ? Boolean.TRUE : null,
                Headers.get(m, TogetherAudioConstants.MIN_SPEAKERS, Integer.class, c.getMinSpeakers()),
                Headers.get(m, TogetherAudioConstants.MAX_SPEAKERS, Integer.class, c.getMaxSpeakers()));
    }

    /** The message's channel layout with channels=separate (header or option), or null to send it as it is. */
    public static ChannelLayout channelLayout(TogetherAudioConfiguration c, Message m) {
        ChannelMode mode = Headers.get(m, TogetherAudioConstants.CHANNELS, ChannelMode.class, c.getChannels());
        return mode == ChannelMode.SEPARATE
                ? ChannelLayout.of(Headers.list(m, TogetherAudioConstants.CHANNEL_NAMES, c.getChannelNames())) : null;
    }

    public static OutputFormat outputFormat(TogetherAudioConfiguration c, Message m) {
        return Headers.get(m, TogetherAudioConstants.OUTPUT_FORMAT, OutputFormat.class, c.getOutputFormat());
    }
}
