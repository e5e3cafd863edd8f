package io.cameltogether.examples.transcribefolder;

import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.subtitle.SubtitleFormat;
import io.cameltogether.audio.client.subtitle.SubtitleWriter;

/**
 * Audio dropped into {@code inbox/} is transcribed once; its text goes to {@code transcripts/<name>.txt} and its
 * subtitles to {@code transcripts/<name>.srt}. The original then moves to {@code inbox/done/}, or to
 * {@code inbox/failed/} if anything went wrong, so nothing is lost. A WAV named {@code *-call.wav} is a call
 * recorded in stereo, the agent on the left channel and the customer on the right: each party is transcribed on its
 * own, and the transcript's turns say who spoke ({@code agent: ...}).
 */
public class TranscribeFolderRoutes extends RouteBuilder {

    private static final String TRANSCRIPT = "transcript";
    static final String AUDIO_FILES = "(?i).*\\.(wav|mp3|m4a|webm|flac|ogg|opus|aac)";
    private static final String CALL_RECORDINGS = "(?i).*-call\\.wav";

    private final Path inbox;
    private final Path transcripts;
    private final RunReport report;

    public TranscribeFolderRoutes(Path inbox, Path transcripts, RunReport report) {
        this.inbox = inbox;
        this.transcripts = transcripts;
        this.report = report;
    }

    private static TranscriptionResult transcript(Exchange exchange) {
        return exchange.getProperty(TRANSCRIPT, TranscriptionResult.class);
    }

    @Override
    public void configure() {
        // a failure is one line in the log and in the summary; the file moves to inbox/failed/ (not handled)
        onException(Exception.class)
                .process(e -> report.failed(e.getMessage().getHeader(Exchange.FILE_NAME, String.class),
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                .log(LoggingLevel.WARN, "${file:name} failed: ${exception.message}");
        errorHandler(defaultErrorHandler().logStackTrace(false).logExhausted(false));
        // readLock=changed: skip a file still being written, and one an earlier exchange has already moved
        from("file:" + inbox + "?include=" + AUDIO_FILES + "&move=done&moveFailed=failed&readLock=changed"
                + "&readLockMinAge=1000")
                .routeId("transcribe-folder")
                .log("Transcribing ${file:name}")
                .filter(header(Exchange.FILE_NAME).regex(CALL_RECORDINGS))
                    .setHeader(TogetherAudioConstants.CHANNELS, constant("separate"))
                    .setHeader(TogetherAudioConstants.CHANNEL_NAMES, constant("agent,customer"))
                .end()
                .to("together-audio:transcribe?outputFormat=result")
                .setProperty(TRANSCRIPT, body())
                .process(e -> e.getMessage().setBody(transcript(e).text()))
                .to("file:" + transcripts + "?fileName=${file:name.noext}.txt")
                .process(e -> e.getMessage().setBody(SubtitleWriter.write(transcript(e), SubtitleFormat.SRT)))
                .to("file:" + transcripts + "?fileName=${file:name.noext}.srt")
                .process(e -> report.transcribed(e.getMessage().getHeader(Exchange.FILE_NAME, String.class),
                        transcript(e).text()))
                .log("${file:name}: ${header.CamelTogetherAudioDuration} s of audio -> "
                        + "${file:name.noext}.txt and .srt");
    }
}
