package io.cameltogether.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in its own JVM with -Xmx128m (see the pom): an audio file more than three times the heap goes up, and the
 * emulator in the same JVM receives every byte. Holding the file in memory anywhere would fail with OOM.
 */
class StreamingUploadSmallHeapTest extends EmulatorTestSupport {

    private static final long AUDIO_BYTES = 450L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void uploadsAFileSeveralTimesLargerThanTheHeap() throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        assertTrue(heap <= 160L * 1024 * 1024, "this test must run with a small heap, has " + heap);
        Path wav = silentWav(dir.resolve("long-meeting.wav"), AUDIO_BYTES);
        EMULATOR.withMaxUploadBytes(Long.MAX_VALUE);

        Exchange exchange = send("together-audio:transcribe?outputFormat=result&maxUploadSize=1000000000", wav.toFile());

        assertNull(exchange.getException());
        assertTrue(wav.toFile().length() > 3 * heap);
        assertEquals(wav.toFile().length(), EMULATOR.lastRequest().fileBytes());
        assertEquals(AUDIO_BYTES / 192_000.0, exchange.getMessage().getHeader(TogetherAudioConstants.DURATION, Double.class),
                0.01, "48 kHz stereo 16-bit: 192,000 bytes a second");
    }

    /** A sparse file: a 48 kHz stereo WAV header and silence, written in no time and without using memory. */
    static Path silentWav(Path path, long dataBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(48_000).putInt(192_000)
                .putShort((short) 4).putShort((short) 16).put("data".getBytes()).putInt((int) dataBytes);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header.array());
            file.setLength(44 + dataBytes);
        }
        return path;
    }
}
