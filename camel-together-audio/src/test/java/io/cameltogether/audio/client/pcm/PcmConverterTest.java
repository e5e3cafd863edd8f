package io.cameltogether.audio.client.pcm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        PcmConverter converter = new PcmConverter(new ByteArrayInputStream(wav), targetRate);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk = converter.next(100); chunk != null; chunk = converter.next(100)) {
            assertTrue(chunk.length <= targetRate / 10 * 2, "chunks of at most 100 ms");
            out.write(chunk);
        }
        return out.toByteArray();
    }

    @Test
    void rawMuLawAndALawExpandByTheG711TablesSampleExact() throws IOException {
        byte[] everyCode = new byte[256];
        for (int code = 0; code < 256; code++) {
            everyCode[code] = (byte) code;
        }

        short[] fromMuLaw = samples(convertRaw(everyCode, RawAudioEncoding.G711_ULAW_8000));
        short[] fromALaw = samples(convertRaw(everyCode, RawAudioEncoding.G711_ALAW_8000));

        for (int code = 0; code < 256; code++) {
            assertEquals(muLaw(code), fromMuLaw[code], "mu-law code " + code);
            assertEquals(aLaw(code), fromALaw[code], "A-law code " + code);
        }
    }

    private static byte[] convertRaw(byte[] g711, RawAudioEncoding encoding) throws IOException {
        PcmConverter converter = PcmConverter.raw(new ByteArrayInputStream(g711), encoding, 8000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk = converter.next(100); chunk != null; chunk = converter.next(100)) {
            out.write(chunk);
        }
        return out.toByteArray();
    }

    private static short[] samples(byte[] pcm) {
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** ITU-T G.711 mu-law expansion: the complemented code's segment and step, less the bias of 132. */
    private static short muLaw(int code) {
        int u = ~code & 0xFF;
        int magnitude = ((u & 0x0F) << 3 | 0x84) << ((u & 0x70) >> 4);
        return (short) ((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
    }

    /** ITU-T G.711 A-law expansion: the code with even bits inverted, its segment and step; sign bit set: positive. */
    private static short aLaw(int code) {
        int a = code ^ 0x55;
        int segment = (a & 0x70) >> 4;
        int magnitude = (a & 0x0F) << 4 | 8;
        if (segment > 0) {
            magnitude = (magnitude | 0x100) << (segment - 1);
        }
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    @Test
    void stereoAndHigherRatesOfTheSameSignalComeBackSampleExact() throws IOException {
        byte[] pcm = TestAudio.speechPcm();

        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 1, 2, false), 16_000), "stereo 16 kHz");
        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 3, 1, false), 16_000), "48 kHz");
        assertArrayEquals(pcm, convert(TestAudio.wav(pcm, 1, 1, false), 16_000), "already the target format");
    }

    @Test
    void floatSamplesComeBackWithinOneStepOf16Bits() throws IOException {
        byte[] pcm = TestAudio.speechPcm();

        byte[] out = convert(TestAudio.wav(pcm, 2, 2, true), 16_000); // 32 kHz stereo float

        assertEquals(pcm.length, out.length);
        ByteBuffer expected = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer actual = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        while (expected.hasRemaining()) {
            assertEquals(expected.getShort(), actual.getShort(), 1, "sample " + expected.position() / 2);
        }
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
    void unsupportedWavsAreRejectedSayingWhatIsAccepted() {
        byte[] wav = TestAudio.wav(new byte[100], 1, 1, false);
        wav[20] = 2; // format tag 2: ADPCM

        AudioValidationException e = assertThrows(AudioValidationException.class, () -> convert(wav, 16_000));
        assertTrue(e.getMessage().contains("integer or float PCM, mu-law or A-law"), e.getMessage());
    }

    @Test
    void muLawTelephoneAudioIsExpandedToLinearPcm() throws IOException {
        // G.711 mu-law codes for silence (0xFF) and the loudest positive and negative samples (0x80, 0x00)
        byte[] codes = { (byte) 0xFF, (byte) 0x80, 0x00, (byte) 0xFF };
        ByteBuffer wav = ByteBuffer.allocate(44 + codes.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + codes.length).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 7).putShort((short) 1).putInt(16_000).putInt(16_000).putShort((short) 1)
                .putShort((short) 8).put("data".getBytes()).putInt(codes.length).put(codes);

        ByteBuffer out = ByteBuffer.wrap(convert(wav.array(), 16_000)).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(0, out.getShort(), "silence");
        assertEquals(32124, out.getShort(), "the largest mu-law magnitude, as G.711 expands it");
        assertEquals(-32124, out.getShort());
        assertEquals(0, out.getShort());
    }
}
