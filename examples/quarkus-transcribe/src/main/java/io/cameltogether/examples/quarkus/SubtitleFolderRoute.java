package io.cameltogether.examples.quarkus;

import org.apache.camel.builder.RouteBuilder;

import io.cameltogether.audio.client.request.OutputFormat;

import static io.cameltogether.audio.dsl.TogetherAudioEndpoints.togetherAudio;

/**
 * Recordings dropped into {@code <transcribe.folder>/inbox} come out as WebVTT subtitles, with speakers, in
 * {@code <transcribe.folder>/subtitles}; the original moves to {@code inbox/done}, or {@code inbox/failed}.
 * Camel Quarkus finds this class and starts it; the component's options come from application.properties.
 */
public class SubtitleFolderRoute extends RouteBuilder {

    static final String AUDIO_FILES = "(?i).*\\.(wav|mp3|m4a|webm|flac|ogg|opus|aac)";

    @Override
    public void configure() {
        from("file:{{transcribe.folder}}/inbox?include=" + AUDIO_FILES + "&move=done&moveFailed=failed"
                + "&readLock=changed&readLockMinAge=1000")
                .routeId("subtitle-folder")
                .log("Subtitling ${file:name}")
                .to(togetherAudio("transcribe").diarize(true).outputFormat(OutputFormat.VTT))
                .to("file:{{transcribe.folder}}/subtitles?fileName=${file:name.noext}.vtt")
                .log("${file:absolute.path} -> {{transcribe.folder}}/subtitles/${file:name.noext}.vtt");
    }
}
