package io.cameltogether.audio.client.pcm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.TestAudio;
import io.cameltogether.audio.client.AudioValidationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcmConverterTest {

    private static byte[] convert(byte[] wav, int targetRate) throws IOException {
        InputStream in = new ByteArrayInputStream(wav);
        PcmConverter converter = new PcmConverter(in, WavHeader.read(in), targetRate);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk = converter.next(100); chunk != null; chunk = converter.next(100)) {
            assertTrue(chunk.length <= targetRate / 10 * 2, "chunks of at most 100 ms");
            out.write(chunk);
        }
        return out.toByteArray();
    }

    @Test
    void stereoAndHigherRatesOfTheSameSignalComeBackSampleExact() throws IOException {
        byte[] pcm = TestAudio.speechPcm();

        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 1, 2, false), 16_000), "stereo 16 kHz");
        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 3, 1, false), 16_000), "48 kHz");
        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 2, 2, true), 16_000), "32 kHz stereo float");
        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 1, 1, false), 16_000), "already the target format");
    }

    @Test
    void upsamplingKeepsDurationAndPitch() throws IOException {
        int rate = 8_000;
        ByteBuffer wav = ByteBuffer.allocate(44 + rate).order(ByteOrder.LITTLE_ENDIAN); // 1 s, 8-bit unsigned
        wav.put("RIFF".getBytes()).putInt(36 + rate).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate).putShort((short) 1).putShort((short) 8)
                .put("data".getBytes()).putInt(rate);
        for (int i = 0; i < rate; i++) {
            wav.put((byte) (128 + Math.round(100 * Math.sin(2 * Math.PI * 440 * i / rate))));
        }

        byte[] out = convert(wav.array(), 24_000);

        assertEquals(24_000, out.length / 2, 3, "1 s at 24 kHz");
        ByteBuffer samples = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int crossings = 0;
        short previous = samples.getShort();
        while (samples.hasRemaining()) {
            short s = samples.getShort();
            if (previous < 0 && s >= 0) {
                crossings++;
            }
            previous = s;
        }
        assertEquals(440, crossings, 2, "still a 440 Hz tone");
    }

    @Test
    void unsupportedWavsAreRejectedWithTheirFormat() {
        byte[] wav = TestAudio.wav(new byte[100], 1, 1, false);
        wav[20] = 2; // format tag 2: ADPCM

        AudioValidationException e = assertThrows(AudioValidationException.class,
                () -> WavHeader.read(new ByteArrayInputStream(wav)));
        assertTrue(e.getMessage().contains("format tag 2"), e.getMessage());
    }
}
