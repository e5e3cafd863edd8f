package io.cameltogether.audio.realtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.camel.WrappedFile;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.pcm.PcmConverter;
import io.cameltogether.audio.client.pcm.WavHeader;
import io.cameltogether.audio.client.realtime.AudioStreamer.ChunkSource;
import io.cameltogether.audio.client.realtime.RealtimeAudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * A realtime message body as chunks of session-format PCM: raw PCM is taken as it is; a WAV (bytes, file or
 * stream) of any rate, channel count and depth is converted, and a body that starts as a RIFF file but is not a WAV
 * it can read is refused. Files and streams are read as they are sent.
 */
final class RealtimeBodies {

    private RealtimeBodies() {
    }

    /** Raw PCM that can go out in one append call, or null if the body needs streaming or conversion. */
    static byte[] rawPcm(Object body) {
        if (body instanceof byte[] bytes && !WavHeader.claimsRiff(bytes)) {
            return bytes;
        }
        if (body instanceof ByteBuffer buffer) {
            byte[] bytes = bytesOf(buffer);
            return WavHeader.claimsRiff(bytes) ? null : bytes;
        }
        return null;
    }

    /**
     * Opens the body; the caller closes the returned stream once the source is spent. A file that is missing or a
     * directory fails here, before anything is sent, with the message batch gives.
     */
    static InputStream open(Object body) throws IOException {
        if (body instanceof WrappedFile<?> wrapped && wrapped.getFile() instanceof File file) {
            return open(file.toPath());
        }
        if (body instanceof WrappedFile<?> wrapped && wrapped.getBody() != null) {
            return open(wrapped.getBody());
        }
        if (body instanceof File file) {
            return open(file.toPath());
        }
        if (body instanceof Path path) {
            AudioSource.requireReadableFile(path);
            return Files.newInputStream(path);
        }
        if (body instanceof byte[] bytes) {
            return new ByteArrayInputStream(bytes);
        }
        if (body instanceof ByteBuffer buffer) {
            return new ByteArrayInputStream(bytesOf(buffer));
        }
        if (body instanceof InputStream in) {
            return in;
        }
        throw new AudioValidationException("body " + (body == null ? "is empty" : "of type " + body.getClass().getName()
                + " is not audio") + ": send PCM in the session's format (byte[], ByteBuffer) or a WAV file, byte[] or "
                + "InputStream");
    }

    /** Chunks of the stream in the session's format, converting a WAV on the way. */
    static ChunkSource chunks(InputStream stream, RealtimeAudioFormat format) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 64 * 1024);
        in.mark(12);
        byte[] head = in.readNBytes(12);
        in.reset();
        if (WavHeader.claimsRiff(head)) {
            PcmConverter converter = new PcmConverter(in, WavHeader.read(in), format.sampleRate());
            return converter::next;
        }
        int bytesPerMs = format.bytesPerSecond() / 1000;
        return millis -> {
            byte[] chunk = in.readNBytes(millis * bytesPerMs);
            return chunk.length < 2 ? null : Arrays.copyOf(chunk, chunk.length - chunk.length % 2);
        };
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
