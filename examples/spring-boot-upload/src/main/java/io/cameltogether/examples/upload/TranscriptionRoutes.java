package io.cameltogether.examples.upload;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

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
        from(TRANSCRIBE).routeId("transcribe-upload")
                .to("together-audio:transcribe?diarize=true&outputFormat=result");
        // the output format (srt or vtt) comes with the message, in CamelTogetherAudioOutputFormat
        from(SUBTITLES).routeId("subtitle-upload")
                .to("together-audio:transcribe?diarize=true");
    }
}
