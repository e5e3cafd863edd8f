package io.cameltogether.examples.phonestream;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.cameltogether.audio.TogetherAudioConstants;

/**
 * Reads one message of a voice platform's media stream, in the shape Twilio Media Streams and similar platforms
 * send over their WebSocket: {@code connected}, {@code start} (the call and the audio format), {@code media}
 * (base64 mu-law, 20 ms at 8 kHz a message) and {@code stop}. A media message becomes its audio, a stop the
 * session's close, both keyed by the stream's id; the event name goes in {@link #EVENT}.
 */
final class MediaStreamEvents {

    /** The media stream event of the message: connected, start, media, stop, mark, ... */
    static final String EVENT = "MediaStreamEvent";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaStreamEvents() {
    }

    static void toRealtime(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        JsonNode event = JSON.readTree(message.getBody(String.class));
        String name = event.path("event").asText();
        message.setHeader(EVENT, name);
        message.setHeader(TogetherAudioConstants.SESSION_ID, event.path("streamSid").asText());
        switch (name) {
            case "media" -> message.setBody(Base64.getDecoder().decode(event.path("media").path("payload").asText()));
            case "stop" -> {
                message.setBody(null);
                message.setHeader(TogetherAudioConstants.REALTIME_ACTION, "close"); // the last turn's transcript, then close
            }
            default -> message.setBody(null);
        }
    }
}
