package io.cameltogether.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;

/** Telephone audio into realtime sessions: raw G.711 by option, and G.711 WAVs of any channel count. */
class PhoneAudioTest extends EmulatorTestSupport {

    /** As in RealtimeRouteTest: a replay buffer that a fast stream on a slow machine does not fill. */
    private static final String REALTIME = "together-audio:realtime?pace=fast&finalTranscriptQuiet=300"
            + "&replayBufferDuration=30000&outputFormat=result";

    @Test
    void rawMuLawAndALawAreExpandedToTheSessionFormat() {
        byte[] pcm = TestAudio.threeTurnsPcm();
        TranscriptionResult direct = transcribe(REALTIME, pcm, "direct");

        for (AudioFormat.Encoding encoding : new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW,
            AudioFormat.Encoding.ALAW}) {
            EMULATOR.reset();
            String option = encoding == AudioFormat.Encoding.ULAW ? "g711_ulaw_8000" : "g711_alaw_8000";

            TranscriptionResult phone = transcribe(REALTIME + "&rawAudioEncoding=" + option,
                    telephone(pcm, encoding, 1, false), "phone-" + option);

            assertEquals(pcm.length, EMULATOR.realtimeSessions().get(0).audioBytes(), 64,
                    "8 kHz G.711 expanded and resampled to the session's 16 kHz PCM");
            assertEquals(first(direct).start(), first(phone).start(), 0.05, option + ": speech starts in step");
            assertEquals(last(direct).end(), last(phone).end(), 0.3, option + ": and ends in step");
        }
    }

    @Test
    void aStereoMuLawWavIsConvertedWhateverRawAudioEncodingSays() {
        byte[] pcm = TestAudio.threeTurnsPcm();
        TranscriptionResult direct = transcribe(REALTIME, pcm, "direct");
        EMULATOR.reset();

        TranscriptionResult phone = transcribe(REALTIME + "&rawAudioEncoding=g711_alaw_8000",
                telephone(pcm, AudioFormat.Encoding.ULAW, 2, true), "stereo-wav");

        assertEquals(pcm.length, EMULATOR.realtimeSessions().get(0).audioBytes(), 64);
        assertEquals(first(direct).start(), first(phone).start(), 0.05, "speech starts in step");
    }

    private static Segment first(TranscriptionResult result) {
        return result.segments().get(0);
    }

    private static Segment last(TranscriptionResult result) {
        return result.segments().get(result.segments().size() - 1);
    }

    private TranscriptionResult transcribe(String uri, byte[] body, String sessionId) {
        Exchange exchange = template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
        });
        assertNull(exchange.getException());
        return exchange.getMessage().getBody(TranscriptionResult.class);
    }

    /** 16 kHz PCM as a phone line carries it: 8 kHz G.711, raw or as a WAV, by the JDK's converters. */
    private static byte[] telephone(byte[] pcm16k, AudioFormat.Encoding encoding, int channels, boolean wav) {
        AudioFormat pcm8k = new AudioFormat(8000, 16, channels, true, false);
        AudioFormat g711 = new AudioFormat(encoding, 8000, 8, channels, channels, 8000, false);
        try (AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(pcm16k),
                new AudioFormat(TestAudio.RATE, 16, 1, true, false), pcm16k.length / 2);
             AudioInputStream resampled = AudioSystem.getAudioInputStream(pcm8k, AudioSystem.getAudioInputStream(
                     new AudioFormat(8000, 16, 1, true, false), source));
             AudioInputStream phone = AudioSystem.getAudioInputStream(g711, resampled)) {
            if (!wav) {
                return phone.readAllBytes();
            }
            byte[] frames = phone.readAllBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(frames), g711, frames.length / channels),
                    AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
