package io.cameltogether.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.emulator.RecordedRequest;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live API's 80 MB cap on direct uploads, which the emulator enforces over the whole request body. */
class UploadCapTest extends EmulatorTestSupport {

    @TempDir
    Path dir;

    @Test
    void aHundredMegabyteWavWithDefaultOptionsGoesUpInPartsUnderTheCapAndComesBackAsOne() throws Exception {
        Path meeting = dir.resolve("meeting.wav");
        long dataBytes = writeSpeechWav(meeting, 100_000_000L);

        Exchange exchange = send("together-audio:transcribe", meeting.toFile());

        assertNull(exchange.getException());
        assertTrue(exchange.getMessage().getBody(String.class).length() > 0);
        List<RecordedRequest> requests = EMULATOR.requests();
        assertEquals(2, requests.size());
        for (RecordedRequest part : requests) {
            assertEquals(200, part.status());
            assertTrue(Long.parseLong(part.header("content-length")) <= TogetherAudioEmulator.LIVE_UPLOAD_CAP,
                    part.header("content-length") + " bytes in one request");
        }
        // each part a WAV of its own: the audio, and a header per part
        long sent = requests.stream().mapToLong(RecordedRequest::fileBytes).sum();
        assertTrue(sent >= dataBytes && sent < dataBytes + 1000, sent + " bytes sent for " + dataBytes);
    }

    @Test
    void audioOfAFormatThatIsNotSplitIsRefusedOverTheCapBeforeAnythingIsSent() throws IOException {
        Path recording = dir.resolve("meeting.ogg");
        try (RandomAccessFile file = new RandomAccessFile(recording.toFile(), "rw")) {
            file.setLength(81_000_000L);
        }

        Exception e = send("together-audio:transcribe", recording.toFile()).getException();

        assertInstanceOf(AudioValidationException.class, e);
        assertTrue(e.getMessage().contains("'meeting.ogg' is 81.0 MB (81000000 bytes), over maxUploadSize 80.0 MB")
                && e.getMessage().contains("https URL"), e.getMessage());
        assertEquals(0, EMULATOR.requests().size());
    }

    /** Speech with its pauses, repeated to at least this many bytes of 16 kHz 16-bit mono; returns the data size. */
    private static long writeSpeechWav(Path file, long atLeast) throws Exception {
        byte[] pcm;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(AUDIO.resolve("conversation.wav").toFile())) {
            pcm = in.readAllBytes();
        }
        long data = (atLeast / pcm.length + 1) * pcm.length;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RIFF".getBytes()).putInt((int) (36 + data)).put("WAVEfmt ".getBytes()).putInt(16)
                    .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                    .putShort((short) 16).put("data".getBytes()).putInt((int) data);
            out.write(header.array());
            for (long written = 0; written < data; written += pcm.length) {
                out.write(pcm);
            }
        }
        return data;
    }
}
