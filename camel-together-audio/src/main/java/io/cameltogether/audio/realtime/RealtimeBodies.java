package io.cameltogether.audio.realtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.pcm.PcmConverter;
import io.cameltogether.audio.client.pcm.RawAudioEncoding;
import io.cameltogether.audio.client.realtime.AudioStreamer.ChunkSource;
import io.cameltogether.audio.client.realtime.RealtimeAudioFormat;
import io.cameltogether.audio.client.request.WavHeader;
import io.cameltogether.audio.support.AudioBody;

/**
 * A realtime message body ({@link AudioBody}, resolved as for batch) as chunks of session-format PCM: raw PCM is
 * taken as it is, raw G.711 expanded; a WAV (bytes, file or stream) of any rate, channel count and depth is
 * converted, and a body that starts as a RIFF file but is not a WAV it can read is refused. Files and streams are read as they are sent.
 */
final class RealtimeBodies {

    private RealtimeBodies() {
    }

    /**
     * Refuses a WAV body in memory or on disk whose header no session could use, before a session is opened: the
     * message batch gives for the same body. A stream's header is checked as it is read ({@link #chunks}).
     */
    static void checkHeader(AudioBody body) throws IOException {
        if (body instanceof AudioBody.InMemory memory) {
            WavHeader.check(memory.bytes());
        } else if (body instanceof AudioBody.OnDisk file) {
            try (InputStream in = new FileInputStream(file.path().toFile())) {
                WavHeader.check(in.readNBytes(WavHeader.SEARCHED_BYTES));
            }
        }
    }

    /** Raw PCM that can go out in one append call, or null if the body needs streaming or conversion. */
    static byte[] rawPcm(AudioBody body, RawAudioEncoding encoding) {
        return encoding == RawAudioEncoding.SESSION && body instanceof AudioBody.InMemory memory
                && !PcmConverter.claimsRiff(memory.bytes()) ? memory.bytes() : null;
    }

    /** Opens the body; the caller closes the returned stream once the source is spent. */
    static InputStream open(AudioBody body) throws IOException {
        if (body instanceof AudioBody.OnDisk file) {
            return new FileInputStream(file.path().toFile());
        }
        if (body instanceof AudioBody.InMemory memory) {
            return new ByteArrayInputStream(memory.bytes());
        }
        if (body instanceof AudioBody.Streamed stream) {
            if (stream.rereadable() != null) {
                stream.rereadable().reset(); // an earlier step may have read it
            }
            return stream.stream();
        }
        throw new AudioValidationException("a realtime session streams the audio it is sent, not a URL ("
                + ((AudioBody.Url) body).url() + "): fetch it first, e.g. with the http component");
    }

    /** Chunks of the stream in the session's format, converting a WAV, or raw G.711, on the way. */
    static ChunkSource chunks(InputStream stream, RealtimeAudioFormat format, RawAudioEncoding raw)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 64 * 1024);
        in.mark(12);
        byte[] head = in.readNBytes(12);
        in.reset();
        if (PcmConverter.claimsRiff(head)) {
            WavHeader.check(in); // a rate of 0 would make an endless stream
            PcmConverter converter = new PcmConverter(in, format.sampleRate());
            return converter::next;
        }
        if (raw != RawAudioEncoding.SESSION) {
            PcmConverter converter = PcmConverter.raw(in, raw, format.sampleRate());
            return converter::next;
        }
        int bytesPerMs = format.bytesPerSecond() / 1000;
        return millis -> {
            byte[] chunk = in.readNBytes(millis * bytesPerMs);
            return chunk.length < 2 ? null : Arrays.copyOf(chunk, chunk.length - chunk.length % 2);
        };
    }
}
