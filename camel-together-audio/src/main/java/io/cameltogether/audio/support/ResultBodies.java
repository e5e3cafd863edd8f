package io.cameltogether.audio.support;

import org.apache.camel.Message;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.RateLimits;
import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.subtitle.SubtitleFormat;
import io.cameltogether.audio.client.subtitle.SubtitleWriter;

/** Puts a transcript on a message: the result headers, and the body in the wanted output format. */
public final class ResultBodies {

    private ResultBodies() {
    }

    /**
     * @param json      the API's JSON for this result, returned as-is by the json output
     * @param requestId the response id, or null
     */
    public static void write(Message message, BatchResponse response, OutputFormat output) {
        RateLimits limits = response.rateLimits();
        if (limits != null && !limits.isEmpty()) {
            setIfPresent(message, TogetherAudioConstants.RATE_LIMIT, limits.requestLimit());
            setIfPresent(message, TogetherAudioConstants.RATE_LIMIT_REMAINING, limits.requestsRemaining());
            message.setHeader(TogetherAudioConstants.RATE_LIMITS, limits.values());
        }
        write(message, response.result(), response.json(), response.requestId(), output);
    }

    public static void write(Message message, TranscriptionResult result, String json, String requestId,
                             OutputFormat output) {
        setIfPresent(message, TogetherAudioConstants.DETECTED_LANGUAGE, result.language());
        setIfPresent(message, TogetherAudioConstants.DURATION, result.duration());
        setIfPresent(message, TogetherAudioConstants.TASK, result.task());
        setIfPresent(message, TogetherAudioConstants.RESPONSE_ID, requestId);
        message.setBody(switch (output) {
            case TEXT -> result.text();
            case RESULT -> result;
            case JSON -> json;
            case SRT -> SubtitleWriter.write(result, SubtitleFormat.SRT);
            case VTT -> SubtitleWriter.write(result, SubtitleFormat.VTT);
        });
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
