package io.cameltogether.examples.sftp;

import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.subtitle.SubtitleFormat;
import io.cameltogether.audio.client.subtitle.SubtitleWriter;

/**
 * Recordings uploaded to the SFTP server's {@code sftp.inbox} folder are transcribed with speakers told apart. The
 * speaker turns go back to {@code sftp.outbox} as {@code <name>.txt}, the subtitles as {@code <name>.srt}; the
 * recording moves to {@code done/} in its folder, or to {@code failed/} if anything went wrong, so nothing is lost.
 *
 * <p>Downloads spool to a local work file, so the upload to Together streams from disk whatever the recording's
 * size. The server is named by the {@code sftp.*} properties; its password is only ever a property, never in code.
 */
public class SftpTranscriptsRoutes extends RouteBuilder {

    static final String AUDIO_FILES = "(?i).*\\.(wav|mp3|m4a|webm|flac|ogg|opus|aac)";
    private static final String TRANSCRIPT = "transcript";

    /** An SFTP endpoint on the configured server, in {@code folder}, with more options. */
    static String sftp(String folder, String options) {
        return "sftp:{{sftp.host}}:{{sftp.port}}/" + folder + "?username={{sftp.username}}"
                + "&password=RAW({{sftp.password}})&knownHostsFile={{sftp.knownHostsFile}}"
                + "&strictHostKeyChecking={{sftp.strictHostKeyChecking:yes}}&" + options;
    }

    @Override
    public void configure() {
        from(sftp("{{sftp.inbox:inbox}}", "include=" + AUDIO_FILES + "&move=done&moveFailed=failed"
                + "&readLock=changed&readLockMinAge=1000&localWorkDirectory={{sftp.workDirectory}}&delay=1000"))
                .routeId("sftp-transcripts")
                .log("Transcribing ${file:name} from the SFTP inbox")
                .to("together-audio:transcribe?outputFormat=result&diarize=true")
                .setProperty(TRANSCRIPT, body())
                .process(e -> e.getMessage().setBody(speakerTurns(transcript(e))))
                .to(sftp("{{sftp.outbox:transcripts}}", "fileName=${file:name.noext}.txt"))
                .process(e -> e.getMessage().setBody(SubtitleWriter.write(transcript(e), SubtitleFormat.SRT)))
                .to(sftp("{{sftp.outbox:transcripts}}", "fileName=${file:name.noext}.srt"))
                .log("${file:name}: ${header.CamelTogetherAudioDuration} s -> transcripts/${file:name.noext}.txt "
                        + "and .srt");
    }

    private static TranscriptionResult transcript(Exchange exchange) {
        return exchange.getProperty(TRANSCRIPT, TranscriptionResult.class);
    }

    /** One line per turn: {@code [00:04.5] SPEAKER_01: text}; the plain text when the API found no speakers. */
    static String speakerTurns(TranscriptionResult result) {
        if (result.speakerSegments().isEmpty()) {
            return result.text().strip() + "\n";
        }
        return result.speakerSegments().stream().map(SftpTranscriptsRoutes::line).collect(Collectors.joining());
    }

    private static String line(SpeakerSegment turn) {
        long tenths = Math.round(turn.start() * 10);
        return String.format("[%02d:%02d.%d] %s: %s%n", tenths / 600, tenths / 10 % 60, tenths % 10, turn.speakerId(),
                turn.text().strip());
    }
}
