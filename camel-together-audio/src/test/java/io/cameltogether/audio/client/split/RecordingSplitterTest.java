package io.cameltogether.audio.client.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioSource;

/** Cutting real speech (espeak-ng, 33 s, sentences and the pauses between words) into parts: WAV, MP3, FLAC. */
class RecordingSplitterTest {

    private static final Path CONVERSATION = Path.of("src/test/resources/audio/conversation.wav");
    private static final Path CONVERSATION_MP3 = Path.of("src/test/resources/audio/conversation.mp3");
    private static final Path CONVERSATION_FLAC = Path.of("src/test/resources/audio/conversation.flac");
    private static final long NO_UPLOAD_CAP = Long.MAX_VALUE;

    @Test
    void cutsFallInPausesAndThePartsMeetExactlyWhereverTheLimitFalls() throws Exception {
        short[] speech = samples(pcm(new BufferedInputStream(Files.newInputStream(CONVERSATION))));
        double loudest = PcmLevels.loudest20ms(speech);
        int settings = 0;
        List<String> cutsInSpeech = new ArrayList<>();
        // part lengths 4 s to 12 s in 1/8 s steps: the limits fall inside words, between them, inside sentences
        for (long millis = 4000; millis <= 12000; millis += 125, settings++) {
            List<AudioPart> parts = split(CONVERSATION, Duration.ofMillis(millis));

            assertEquals(speech.length, frames(parts), "every sample once, at " + millis + " ms");
            short[] joined = samples(joinedPcm(parts));
            assertArrayEquals(speech, joined, "the parts put end to end are the recording, at " + millis + " ms");
            for (AudioPart part : parts) {
                assertTrue(part.endSeconds() - part.startSeconds() <= millis / 1000.0, part.describe());
                if (part.number() > 1) {
                    int cut = (int) Math.round(part.startSeconds() * 16000);
                    double loudness = PcmLevels.rms(speech, cut - 160, cut + 160) / loudest;
                    if (loudness >= 0.02) {
                        cutsInSpeech.add(millis + " ms parts: " + part.describe() + " at " + loudness);
                    }
                }
            }
        }
        assertEquals(65, settings);
        assertEquals(List.of(), cutsInSpeech, "cuts where the 20 ms around them is louder than 2 % of the loudest");
    }

    @Test
    void mp3CutsFallBetweenFramesInPausesAndThePartsHoldEveryFrameOnce() throws Exception {
        // conversation.mp3: the conversation encoded by LAME (VBR, MPEG-2 Layer III, 16 kHz), with ID3v2, Xing and
        // ID3v1 tags; its frames lag the WAV by LAME's encoder delay of 576 samples
        byte[] mp3 = Files.readAllBytes(CONVERSATION_MP3);
        short[] speech = samples(pcm(new BufferedInputStream(Files.newInputStream(CONVERSATION))));
        double loudest = PcmLevels.loudest20ms(speech);
        List<String> cutsInSpeech = new ArrayList<>();
        // parts of 10 s to 20 s: each cut is sought in the 5 s to 10 s before its limit, where a sentence ends; a
        // frame lasts 36 ms here, too coarse for the 50 ms gaps between words that the WAV test cuts in
        for (long millis = 10_000; millis <= 20_000; millis += 250) {
            List<AudioPart> parts = split(CONVERSATION_MP3, Duration.ofMillis(millis));

            byte[] joined = joinedBytes(parts);
            int from = indexOf(mp3, Arrays.copyOf(joined, 64));
            assertTrue(from > 10 + 110, "after the ID3v2 tag and the Xing frame: " + from);
            assertArrayEquals(Arrays.copyOfRange(mp3, from, from + joined.length), joined, "every frame once");
            assertEquals(mp3.length - 128, from + joined.length, "up to the ID3v1 tag");
            for (AudioPart part : parts) {
                assertTrue(part.endSeconds() - part.startSeconds() <= millis / 1000.0, part.describe());
                if (part.number() > 1) {
                    int cut = (int) Math.round(part.startSeconds() * 16000) - 576;
                    double loudness = PcmLevels.rms(speech, cut - 320, cut + 320) / loudest;
                    if (loudness >= 0.02) {
                        cutsInSpeech.add(millis + " ms parts: " + part.describe() + " at " + loudness);
                    }
                }
            }
        }
        assertEquals(List.of(), cutsInSpeech, "cuts where the 40 ms around them is louder than 2 % of the loudest");
    }

    @Test
    void mp3FilesPutEndToEndAreSplitWithEveryFrameOfBoth(@TempDir Path dir) throws Exception {
        byte[] mp3 = Files.readAllBytes(CONVERSATION_MP3);
        long frameBytes = joinedBytes(split(CONVERSATION_MP3, Duration.ofSeconds(20))).length;
        Path twice = dir.resolve("twice.mp3");
        Files.write(twice, mp3);
        Files.write(twice, mp3, StandardOpenOption.APPEND);

        List<AudioPart> parts = split(twice, Duration.ofSeconds(20));

        // from the first frame of the first file to the last frame of the second: the second file's tags and Xing
        // frame, between frames, go along inside the part that spans them (decoders pass over them)
        assertEquals(frameBytes + mp3.length, joinedBytes(parts).length);
        assertEquals(2 * 919 * 576 / 16000.0, parts.get(parts.size() - 1).endSeconds(), 0.0005);
    }

    @Test
    void anMp3CutShortInItsLastFrameEndsWithTheLastWholeFrame(@TempDir Path dir) throws Exception {
        byte[] mp3 = Files.readAllBytes(CONVERSATION_MP3);
        Path cutShort = Files.write(dir.resolve("cut-short.mp3"), Arrays.copyOf(mp3, mp3.length - 128 - 20));

        List<AudioPart> parts = split(cutShort, Duration.ofSeconds(20));

        assertEquals(918 * 576 / 16000.0, parts.get(parts.size() - 1).endSeconds(), 0.0005);
        joinedBytes(parts); // every part reads to its announced length
    }

    /**
     * Frames whose headers are sound but whose audio data is noise bytes: the decoder the cuts are sought with fails
     * on them in its own ways, and what the splitter answers is parts or a clear refusal, never the decoder's error.
     */
    @Test
    void mp3FramesOfNoiseBytesAreCutOrRefusedClearly(@TempDir Path dir) throws Exception {
        byte[] mp3 = Files.readAllBytes(CONVERSATION_MP3);
        Random noise = new Random(27);
        int from = indexOf(mp3, Arrays.copyOf(joinedBytes(split(CONVERSATION_MP3, Duration.ofSeconds(20))), 64));
        for (int at = from; at + 4 < mp3.length - 128; ) {
            Mp3Header frame = Mp3Header.read(mp3, at, mp3.length);
            byte[] data = new byte[frame.length() - 4];
            noise.nextBytes(data);
            System.arraycopy(data, 0, mp3, at + 4, Math.min(data.length, mp3.length - 128 - at - 4));
            at += frame.length();
        }
        Path garbled = Files.write(dir.resolve("garbled.mp3"), mp3);
        RecordingSplitter splitter = new RecordingSplitter(Duration.ofHours(4), 100_000, Duration.ofSeconds(10));

        try {
            List<AudioPart> parts = splitter.split(AudioSource.file(garbled, null, null)).orElseThrow();
            assertTrue(parts.size() >= 3, parts.size() + " parts");
        } catch (AudioValidationException refused) {
            assertTrue(refused.getMessage().contains("garbled.mp3"), refused.getMessage());
        }
    }

    @Test
    void flacCutsFallBetweenFramesInPausesAndEachPartIsAFlacFileOfItsOwn() throws Exception {
        // conversation.flac: the conversation encoded by sox (FLAC level 8, 4096-sample frames, 190 bytes of metadata)
        byte[] flac = Files.readAllBytes(CONVERSATION_FLAC);
        short[] speech = samples(pcm(new BufferedInputStream(Files.newInputStream(CONVERSATION))));
        double loudest = PcmLevels.loudest20ms(speech);
        List<String> cutsInSpeech = new ArrayList<>();
        for (long millis = 10_000; millis <= 20_000; millis += 250) {
            List<AudioPart> parts = split(CONVERSATION_FLAC, Duration.ofMillis(millis));

            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (AudioPart part : parts) {
                byte[] bytes;
                try (InputStream in = part.audio().open()) {
                    bytes = in.readAllBytes();
                }
                assertEquals(part.audio().length(), bytes.length);
                assertArrayEquals("fLaC".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(bytes, 4));
                // STREAMINFO's total samples: the low 4 bits of byte 21 (8 + 13), then bytes 22 to 25
                long samples = (bytes[21] & 0x0FL) << 32 | ByteBuffer.wrap(bytes, 22, 4).getInt() & 0xFFFFFFFFL;
                assertEquals(Math.round((part.endSeconds() - part.startSeconds()) * 16000), samples, part.describe());
                assertTrue(part.endSeconds() - part.startSeconds() <= millis / 1000.0, part.describe());
                frames.write(bytes, 42, bytes.length - 42);
                if (part.number() > 1) {
                    int cut = (int) Math.round(part.startSeconds() * 16000);
                    double loudness = PcmLevels.rms(speech, cut - 320, cut + 320) / loudest;
                    if (loudness >= 0.02) {
                        cutsInSpeech.add(millis + " ms parts: " + part.describe() + " at " + loudness);
                    }
                }
            }
            assertArrayEquals(Arrays.copyOfRange(flac, 190, flac.length), frames.toByteArray(), "every frame once");
            assertEquals(33.004, parts.get(parts.size() - 1).endSeconds(), 0.0005);
        }
        assertEquals(List.of(), cutsInSpeech, "cuts where the 40 ms around them is louder than 2 % of the loudest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PCM_SIGNED 44100 24 2", "PCM_UNSIGNED 8000 8 1", "ULAW 8000 8 2", "ALAW 8000 8 1",
        "PCM_FLOAT 48000 32 2"})
    void anyRateDepthAndEncodingIsCutIntoWavParts(String formatSpec, @TempDir Path dir)
            throws Exception {
        Path recording = convertedConversation(formatSpec, dir);
        AudioFormat format;
        long frames;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(recording.toFile())) {
            format = in.getFormat();
            frames = in.getFrameLength();
        }

        List<AudioPart> parts = split(recording, Duration.ofSeconds(10));

        assertTrue(parts.size() >= 4, parts.size() + " parts");
        assertEquals(frames, frames(parts));
        for (AudioPart part : parts) {
            try (InputStream wav = part.audio().open();
                 AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(wav))) {
                assertTrue(in.getFormat().matches(partFormat(format)), in.getFormat() + " against " + format);
                long bytes = in.readAllBytes().length;
                assertEquals(in.getFrameLength() * partFormat(format).getFrameSize(), bytes,
                        "declared length is what follows");
                assertEquals(part.audio().length(), wavLength(part), "announced upload length is what is sent");
            }
        }
    }

    @Test
    void aHeaderThatClaimsMoreThanTheFileHoldsIsReadForWhatItHolds(@TempDir Path dir) throws Exception {
        // as ffmpeg writes a WAV to a pipe: RIFF and data sizes at their largest, the length unknown when written
        byte[] wav = Files.readAllBytes(CONVERSATION);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, -1);
        header.putInt(40, -1);
        Path piped = Files.write(dir.resolve("piped.wav"), wav);

        List<AudioPart> parts = split(piped, Duration.ofSeconds(10));

        assertEquals((wav.length - 44) / 2, frames(parts));
        assertEquals(33.004, parts.get(parts.size() - 1).endSeconds(), 0.0005);
    }

    @Test
    void aRecordingWithinEveryLimitIsSentWhole() {
        RecordingSplitter splitter = new RecordingSplitter(Duration.ofSeconds(34), NO_UPLOAD_CAP, null);

        assertTrue(splitter.split(AudioSource.file(CONVERSATION, null, null)).isEmpty());
    }

    @Test
    void theUploadCapAloneSplitsAndEveryPartFitsUnderIt() throws Exception {
        long cap = 300_000; // about 9.4 s of 16 kHz 16-bit mono
        RecordingSplitter splitter = new RecordingSplitter(Duration.ofHours(4), cap, null);

        List<AudioPart> parts = splitter.split(AudioSource.file(CONVERSATION, null, null)).orElseThrow();

        assertTrue(parts.size() >= 4, parts.size() + " parts");
        for (AudioPart part : parts) {
            assertTrue(part.audio().length() <= cap, part.describe() + ": " + part.audio().length());
        }
    }

    @Test
    void partsAreNamedAfterTheRecording() {
        List<AudioPart> parts = split(CONVERSATION, Duration.ofSeconds(10));

        assertEquals("conversation-part2.wav", parts.get(1).audio().fileName());
        assertTrue(parts.get(1).describe().matches("part 2 of 4 \\(00:00:\\d\\d\\.\\d{3}-00:00:\\d\\d\\.\\d{3}\\)"),
                parts.get(1).describe());
    }

    /** Float recordings are cut into 16-bit parts (the JDK cannot write a float WAV header ahead of its data). */
    private static AudioFormat partFormat(AudioFormat format) {
        return format.getEncoding() == AudioFormat.Encoding.PCM_FLOAT
                ? new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false) : format;
    }

    private static List<AudioPart> split(Path wav, Duration partDuration) {
        return new RecordingSplitter(Duration.ofHours(4), NO_UPLOAD_CAP, partDuration)
                .split(AudioSource.file(wav, null, null)).orElseThrow();
    }

    private static long frames(List<AudioPart> parts) throws Exception {
        long frames = 0;
        for (AudioPart part : parts) {
            try (AudioInputStream in = AudioSystem.getAudioInputStream(
                    new BufferedInputStream(part.audio().open()))) {
                frames += in.getFrameLength();
            }
        }
        return frames;
    }

    private static long wavLength(AudioPart part) throws IOException {
        try (InputStream in = part.audio().open()) {
            return in.readAllBytes().length;
        }
    }

    /** The MP3 parts' bytes end to end, without the lead-in frames some begin with. */
    private static byte[] joinedBytes(List<AudioPart> parts) throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (AudioPart part : parts) {
            try (InputStream in = part.audio().open()) {
                byte[] bytes = in.readAllBytes();
                assertEquals(part.audio().length(), bytes.length, part.describe());
                Mp3Header first = Mp3Header.read(bytes, 0, bytes.length);
                assertTrue(first != null, part.describe() + " starts with a frame");
                // a lead-in frame has no data of its own: its side information is all zeros, its global gain too
                boolean leadIn = part.number() > 1
                        && Arrays.equals(bytes, 4, first.dataStart(), new byte[first.dataStart() - 4], 0,
                        first.dataStart() - 4);
                int from = leadIn ? first.length() : 0;
                joined.write(bytes, from, bytes.length - from);
            }
        }
        return joined.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The parts' WAV files put end to end: the frames they hold, in order. */
    private static byte[] joinedPcm(List<AudioPart> parts) throws Exception {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (AudioPart part : parts) {
            joined.write(pcm(new BufferedInputStream(part.audio().open())));
        }
        return joined.toByteArray();
    }

    /** The frames of a WAV file, as the JDK reads them. */
    private static byte[] pcm(InputStream wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav)) {
            return in.readAllBytes();
        }
    }

    /** 16-bit little-endian samples. */
    private static short[] samples(byte[] pcm) {
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
        }
        return samples;
    }

    /** The conversation written in another WAV format, converted by the JDK (rate and channels first). */
    private static Path convertedConversation(String spec, Path dir) throws Exception {
        String[] f = spec.split(" ");
        AudioFormat.Encoding encoding = new AudioFormat.Encoding(f[0]);
        float rate = Float.parseFloat(f[1]);
        int bits = Integer.parseInt(f[2]);
        int channels = Integer.parseInt(f[3]);
        AudioFormat target = new AudioFormat(encoding, rate, bits, channels, bits / 8 * channels, rate, false);
        Path out = dir.resolve("conversation-" + f[0] + ".wav");
        AudioFormat pcmAtRate = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream source = AudioSystem.getAudioInputStream(CONVERSATION.toFile());
             AudioInputStream resampled = AudioSystem.getAudioInputStream(pcmAtRate, source);
             AudioInputStream converted = AudioSystem.getAudioInputStream(target, resampled)) {
            AudioSystem.write(converted, AudioFileFormat.Type.WAVE, out.toFile());
        }
        return out;
    }
}
