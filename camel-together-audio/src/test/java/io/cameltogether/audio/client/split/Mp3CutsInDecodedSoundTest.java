package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.request.AudioSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MP3 cuts judged by what a decoder makes of the recording (JLayer), on a constant-bitrate MP3 of speech over a noise
 * floor: the conversation mixed with white noise at -50 dBFS, LAME 64 kbps mono CBR, 16 kHz. The encoder spends as
 * many bits on its pauses as on its words, so only the frames' gain tells them apart.
 */
class Mp3CutsInDecodedSoundTest {

    private static final Path NOISY_CBR = Path.of("src/test/resources/audio/conversation-noise-cbr64.mp3");
    @Test
    void everyCutFallsWhereTheDecodedSoundIsQuiet() throws Exception {
        short[] whole = decode(Files.newInputStream(NOISY_CBR));
        double loudest = PcmLevels.loudest20ms(whole);
        List<String> cutsInSpeech = new ArrayList<>();
        int cuts = 0;
        for (long millis = 10_000; millis <= 20_000; millis += 250) {
            for (AudioPart part : split(Duration.ofMillis(millis))) {
                assertTrue(part.endSeconds() - part.startSeconds() <= millis / 1000.0, part.describe());
                if (part.number() > 1) {
                    cuts++;
                    // the decoder's output for a frame is that frame's audio: the cut is at its first sample
                    int cut = (int) Math.round(part.startSeconds() * 16000);
                    double loudness = PcmLevels.rms(whole, cut - 320, cut + 320) / loudest;
                    if (loudness >= 0.02) {
                        cutsInSpeech.add(millis + " ms parts: " + part.describe() + " at " + loudness);
                    }
                }
            }
        }
        assertTrue(cuts > 40, cuts + " cuts");
        assertEquals(List.of(), cutsInSpeech, "cuts where the 40 ms around them is louder than 2 % of the loudest");
    }

    private static List<AudioPart> split(Duration partDuration) {
        return new RecordingSplitter(Duration.ofHours(4), Long.MAX_VALUE, partDuration)
                .split(AudioSource.file(NOISY_CBR, null, null)).orElseThrow();
    }

    /** Mono 16-bit samples, a frame's worth for every frame. */
    private static short[] decode(InputStream mp3) throws IOException, BitstreamException, DecoderException {
        short[] out = new short[1 << 16];
        int length = 0;
        try (InputStream in = new BufferedInputStream(mp3)) {
            Bitstream frames = new Bitstream(in);
            Decoder decoder = new Decoder();
            for (Header header = frames.readFrame(); header != null; header = frames.readFrame()) {
                SampleBuffer samples = (SampleBuffer) decoder.decodeFrame(header, frames);
                if (length + samples.getBufferLength() > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                System.arraycopy(samples.getBuffer(), 0, out, length, samples.getBufferLength());
                length += samples.getBufferLength();
                frames.closeFrame();
            }
        }
        return Arrays.copyOf(out, length);
    }
}
