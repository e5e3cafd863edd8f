package io.cameltogether.examples.upload;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.TogetherAudioApiException;

/**
 * The Camel side: diarized transcription, as a typed result or as subtitles. Model, language and the other options
 * come from {@code camel.component.together-audio.*} in application.properties.
 */
@Component
public class TranscriptionRoutes extends RouteBuilder {

    static final String TRANSCRIBE = "direct:transcribe";
    static final String SUBTITLES = "direct:subtitles";

    @Override
    public void configure() {
        // the caller's mistakes (bad audio, bad options) are answered with a 4xx by UploadErrors: no ERROR log,
        // no stack trace; anything else is logged as Camel does
        onException(AudioValidationException.class).logExhausted(false).logStackTrace(false);
        onException(TogetherAudioApiException.class).onWhen(e -> isCallersAudio(e.getException()))
                .logExhausted(false).logStackTrace(false);
        from(TRANSCRIBE).routeId("transcribe-upload")
                .to("together-audio:transcribe?diarize=true&outputFormat=result");
        // the output format (srt or vtt) comes with the message, in CamelTogetherAudioOutputFormat
        from(SUBTITLES).routeId("subtitle-upload")
                .to("together-audio:transcribe?diarize=true");
    }

    /** The API judged the recording itself (unreadable, too long, unsupported), as UploadErrors answers 422. */
    private static boolean isCallersAudio(Exception e) {
        return e instanceof TogetherAudioApiException api && api.getStatus() >= 400 && api.getStatus() < 500
                && api.getStatus() != 401 && api.getStatus() != 403 && api.getStatus() != 429;
    }
}
