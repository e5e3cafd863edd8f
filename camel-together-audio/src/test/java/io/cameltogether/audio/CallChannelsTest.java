package io.cameltogether.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.apache.camel.Exchange;
import org.apache.camel.converter.stream.InputStreamCache;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RecordedRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call recordings with the agent on one channel and the customer on the other (call-fixtures.sh: espeak-ng voices,
 * 8 kHz, cross-talk), transcribed with channels=separate: each party's channel is its own request, and the merged
 * transcript names the party of every turn, in the order they spoke.
 */
class CallChannelsTest extends EmulatorTestSupport {

    private static final String SEPARATE = "together-audio:transcribe?channels=separate&channelNames=agent,customer";
    private static final Path STEREO = AUDIO.resolve("call-stereo.wav");
    private static final Path STEREO_ULAW = AUDIO.resolve("call-stereo-ulaw.wav");
    /** Where each turn of the call starts (call-fixtures.sh), in seconds, and whose it is. */
    private static final double[] TURN_STARTS = {0.3, 3.0, 6.6, 9.0};
    private static final List<String> TURN_SPEAKERS = List.of("agent", "customer", "agent", "customer");

    @Test
    void eachPartyOfAG711CallIsSentApartAndNamedOnItsTurnsInTheOrderTheySpoke() {
        EMULATOR.withRequestRecording(true);
        TranscriptionResult call = transcribe(SEPARATE + "&outputFormat=result", STEREO_ULAW.toFile());

        assertEquals(TURN_SPEAKERS, call.speakerSegments().stream().map(SpeakerSegment::speakerId).toList());
        for (int i = 0; i < TURN_STARTS.length; i++) {
            assertEquals(TURN_STARTS[i], call.speakerSegments().get(i).start(), 0.3, "turn " + i);
        }
        assertFalse(call.words().isEmpty());
        for (SpeakerSegment turn : call.speakerSegments()) {
            assertTrue(call.words().stream().filter(w -> w.start() >= turn.start() && w.end() <= turn.end()
                    && turn.words().contains(w)).allMatch(w -> w.speakerId().equals(turn.speakerId())), turn.text());
            assertFalse(turn.words().isEmpty(), turn.text());
        }
        List<RecordedRequest> requests = EMULATOR.requests();
        assertEquals(List.of("call-stereo-ulaw-agent.wav", "call-stereo-ulaw-customer.wav"),
                requests.stream().map(RecordedRequest::fileName).sorted().toList());
        assertTrue(requests.stream().allMatch(r -> r.fileBytes() < 100_000), "mono mu-law: half the call's bytes");
    }

    @Test
    void eachTurnHoldsTheWordsOfItsOwnPartysSpeech() throws Exception {
        TranscriptionResult call = transcribe(SEPARATE + "&outputFormat=result", STEREO.toFile());

        for (int channel = 0; channel < 2; channel++) {
            String party = channel == 0 ? "agent" : "customer";
            TranscriptionResult alone = transcribe("together-audio:transcribe?outputFormat=result",
                    monoWav(STEREO, channel));
            assertEquals(String.join(" ", alone.segments().stream().map(s -> s.text().strip()).toList()),
                    String.join(" ", call.speakerSegments().stream().filter(t -> t.speakerId().equals(party))
                            .map(SpeakerSegment::text).toList()), party);
        }
    }

    @Test
    void aLongChannelIsCutInItsOwnPausesAndItsTurnsKeepTheirPlaceOnTheCallsClock() {
        EMULATOR.withRequestRecording(true);
        TranscriptionResult call = transcribe(SEPARATE + "&outputFormat=result&partDuration=8s", STEREO.toFile());

        List<String> files = EMULATOR.requests().stream().map(RecordedRequest::fileName).sorted().toList();
        assertTrue(files.size() > 2 && files.stream().allMatch(f -> f.contains("-part")), files.toString());
        assertEquals(TURN_SPEAKERS, call.speakerSegments().stream().map(SpeakerSegment::speakerId).toList(),
                call.speakerSegments().stream().map(t -> t.speakerId() + " " + t.start() + "-" + t.end() + " "
                        + t.text()).toList().toString());
        for (int i = 0; i < TURN_STARTS.length; i++) {
            assertEquals(TURN_STARTS[i], call.speakerSegments().get(i).start(), 0.3, "turn " + i);
        }
    }

    @Test
    void theTextIsTurnsOfNamedPartiesAndSubtitlesNameTheSpeaker() {
        String text = template.requestBody(SEPARATE, STEREO.toFile(), String.class);
        String srt = template.requestBody(SEPARATE + "&outputFormat=srt", STEREO.toFile(), String.class);

        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), text);
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith(TURN_SPEAKERS.get(i) + ": (emulated) "), lines.get(i));
        }
        assertTrue(srt.contains("agent: ") && srt.contains("customer: "), srt);
    }

    @Test
    void aSilentChannelIsNotSentSoNoWordsAreInventedForIt() {
        EMULATOR.withRequestRecording(true);
        TranscriptionResult call = transcribe(SEPARATE + "&outputFormat=result",
                AUDIO.resolve("call-agent-only.wav").toFile());

        assertEquals(List.of("agent"), call.speakerSegments().stream().map(SpeakerSegment::speakerId).toList(),
                "the agent's two sentences, one turn: no one spoke between them");
        assertFalse(call.text().contains("customer"), call.text());
        assertEquals(1, EMULATOR.requests().size());
        // sent, the line noise would have been given words, as Whisper gives words to silence
        String noise = transcribe("together-audio:transcribe?outputFormat=result",
                monoWav(AUDIO.resolve("call-agent-only.wav"), 1)).text();
        assertFalse(noise.isBlank());
    }

    @Test
    void aStreamCacheIsReadOneChannelAfterTheOther() throws Exception {
        Exchange answered = template.send(SEPARATE + "&outputFormat=result", e -> {
            e.getMessage().setBody(new InputStreamCache(Files.readAllBytes(STEREO)));
            e.getMessage().setHeader(Exchange.FILE_NAME, "call.wav");
        });

        assertNull(answered.getException());
        assertEquals(TURN_SPEAKERS, answered.getMessage().getBody(TranscriptionResult.class).speakerSegments()
                .stream().map(SpeakerSegment::speakerId).toList());
    }

    @Test
    void aRecordingSilentOnEveryChannelSendsNothingAndComesBackEmpty() {
        EMULATOR.withRequestRecording(true);
        Exchange answered = template.send(SEPARATE + "&outputFormat=result", e -> {
            e.getMessage().setBody(TestAudio.wav(new byte[64_000], 1, 2, false));
            e.getMessage().setHeader(Exchange.FILE_NAME, "muted.wav");
        });

        assertNull(answered.getException());
        TranscriptionResult result = answered.getMessage().getBody(TranscriptionResult.class);
        assertEquals("", result.text());
        assertEquals("transcribe", result.task());
        assertTrue(EMULATOR.requests().isEmpty());
    }

    @Test
    void headersAskForSeparateChannelsPerMessageWithUnnamedChannelsNumbered() {
        Exchange answered = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(STEREO.toFile());
            e.getMessage().setHeader(TogetherAudioConstants.CHANNELS, "separate");
        });

        assertNull(answered.getException());
        assertTrue(answered.getMessage().getBody(String.class).startsWith("channel1: "));
    }

    @Test
    void whatCannotBeTakenApartIsRefusedBeforeAnythingIsSent() {
        EMULATOR.withRequestRecording(true);
        Map<String, Object> refused = Map.of(
                "channels=separate reads WAV", AUDIO.resolve("conversation.mp3").toFile(),
                "not a URL", "https://example.com/call.wav",
                "channelNames names 1 channels (agent)", STEREO.toFile());
        refused.forEach((expected, body) -> {
            String uri = expected.startsWith("channelNames") ? "together-audio:transcribe?channels=separate"
                    + "&channelNames=agent" : SEPARATE;
            Exchange failed = send(uri, body);
            assertInstanceOf(AudioValidationException.class, failed.getException(), expected);
            assertTrue(failed.getException().getMessage().contains(expected), failed.getException().getMessage());
        });
        Exception sameOnBoth = template.send(SEPARATE, e -> {
            e.getMessage().setBody(TestAudio.wav(TestAudio.speechPcm(), 1, 2, false)); // one voice on both channels
            e.getMessage().setHeader(Exchange.FILE_NAME, "meeting.wav");
        }).getException();
        assertTrue(sameOnBoth.getMessage().contains("carries the same audio as channel 1"), sameOnBoth.getMessage());
        Exception diarized = send(SEPARATE + "&diarize=true", STEREO.toFile()).getException();
        assertTrue(diarized.getMessage().contains("diarize and channels=separate"), diarized.getMessage());
        assertTrue(EMULATOR.requests().isEmpty());
    }

    @Test
    void realtimeEndpointsRefuseSeparateChannelsUntilTheyTakeThemApart() {
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> context.getEndpoint("together-audio:realtime?channels=separate"));
        assertTrue(String.valueOf(refused.getCause()).contains("channels=separate is for transcribe and translate"),
                String.valueOf(refused.getCause()));
    }

    private TranscriptionResult transcribe(String uri, Object body) {
        Exchange answered = template.send(uri, e -> {
            e.getMessage().setBody(body);
            if (body instanceof byte[]) {
                e.getMessage().setHeader(Exchange.FILE_NAME, "party.wav"); // one party's channel, as bytes
            }
        });
        assertNull(answered.getException());
        return answered.getMessage().getBody(TranscriptionResult.class);
    }

    /** One channel of a WAV as a mono WAV of its own, as a recording of that party alone would be. */
    private static byte[] monoWav(Path stereo, int channel) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(stereo.toString()))) {
            AudioFormat format = in.getFormat();
            byte[] frames = in.readAllBytes();
            int sample = format.getFrameSize() / format.getChannels();
            byte[] mono = new byte[frames.length / format.getChannels()];
            for (int f = 0; f < frames.length / format.getFrameSize(); f++) {
                System.arraycopy(frames, f * format.getFrameSize() + channel * sample, mono, f * sample, sample);
            }
            AudioFormat monoFormat = new AudioFormat(format.getEncoding(), format.getSampleRate(),
                    format.getSampleSizeInBits(), 1, sample, format.getFrameRate(), format.isBigEndian());
            ByteArrayOutputStream wav = new ByteArrayOutputStream();
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(mono), monoFormat, mono.length / sample),
                    AudioFileFormat.Type.WAVE, wav);
            return wav.toByteArray();
        } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IllegalStateException(e);
        }
    }
}
