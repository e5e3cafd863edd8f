package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * A WAV recording on a source that can be re-opened, read through the JDK's javax.sound.sampled: its format and
 * length, its frames from any point, and any stretch of it as a WAV file of its own. Nothing is held in memory but
 * the few bytes of a header.
 */
final class WavRecording {

    private final AudioSource source;
    private final AudioFormat format;
    private final AudioFormat partFormat;
    private final long frames;

    private WavRecording(AudioSource source, AudioFormat format, long frames) {
        this.source = source;
        this.format = format;
        this.frames = frames;
        // the JDK writes float WAV headers from the bytes it wrote, not from the declared length: parts of a float
        // recording are 16-bit, ample for speech recognition; integer PCM, mu-law and A-law parts keep their format
        this.partFormat = format.getEncoding() == AudioFormat.Encoding.PCM_FLOAT
                ? new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false) : format;
    }

    /**
     * Reads the header; fails if the source is no WAV the JDK reads. The length is what the file holds, when its
     * header claims more: a WAV written to a pipe (ffmpeg to stdout) declares the largest size there is.
     */
    static WavRecording of(AudioSource source) throws IOException {
        try (AudioInputStream in = open(source)) {
            AudioFormat format = in.getFormat();
            if (format.getFrameRate() < 1 || format.getFrameSize() < 1) {
                throw new AudioValidationException("WAV '" + source.fileName() + "' declares " + format
                        + ": no frame rate or frame size to split it by");
            }
            // right after the header, what is left to read is the audio: exact below 2 GB; above, the header's size
            // at most is the file's size less a minimal header, and a part that would still run short fails as such
            int available = in.available();
            long dataBytes = available < Integer.MAX_VALUE ? available : source.length() - 44;
            long frames = in.getFrameLength() == AudioSystem.NOT_SPECIFIED ? dataBytes / format.getFrameSize()
                    : Math.min(in.getFrameLength(), dataBytes / format.getFrameSize());
            if (frames <= 0) {
                throw new AudioValidationException("WAV '" + source.fileName() + "' holds no audio frames");
            }
            return new WavRecording(source, format, frames);
        }
    }

    private static AudioInputStream open(AudioSource source) throws IOException {
        InputStream raw = source.open();
        try {
            return AudioSystem.getAudioInputStream(new BufferedInputStream(raw, 64 * 1024));
        } catch (UnsupportedAudioFileException | IOException | RuntimeException e) {
            raw.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new AudioValidationException("WAV '" + source.fileName() + "' cannot be read to split it into "
                    + "parts (" + e.getMessage() + "): send integer or float PCM, mu-law or A-law WAV");
        }
    }

    AudioFormat format() {
        return format;
    }

    long frames() {
        return frames;
    }

    double seconds(long frame) {
        return frame / (double) format.getFrameRate();
    }

    long frameAt(double seconds) {
        return (long) Math.floor(seconds * format.getFrameRate());
    }

    /** The recording's frames from {@code start} to its end, in its own format. The caller closes the stream. */
    AudioInputStream framesFrom(long start) throws IOException {
        AudioInputStream in = open(source);
        try {
            long toSkip = start * format.getFrameSize();
            while (toSkip > 0) {
                long skipped = in.skip(toSkip);
                if (skipped <= 0) {
                    throw new IOException("WAV '" + source.fileName() + "' ended before frame " + start);
                }
                toSkip -= skipped;
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Bytes of the WAV file {@link #part} makes of {@code count} frames. */
    long partLength(long count) {
        return header(partFormat, count).length + count * partFormat.getFrameSize();
    }

    /** Bytes each frame takes in a part. */
    int partFrameSize() {
        return partFormat.getFrameSize();
    }

    /**
     * Frames {@code start} to {@code start + count} as a WAV file: the JDK's header, then the frames, in the parts'
     * format. The buffer is there because an AudioInputStream answers 0 to a read shorter than a frame, which a
     * SequenceInputStream would take for its end; the buffer always asks for many frames.
     */
    InputStream part(long start, long count) throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(header(partFormat, count)),
                new BufferedInputStream(partFrames(start, count), 64 * 1024));
    }

    /** The format of parts: the recording's, but 16-bit for float recordings. */
    AudioFormat partFormat() {
        return partFormat;
    }

    /** Frames {@code start} to {@code start + count} in the parts' format, without a header. */
    AudioInputStream partFrames(long start, long count) throws IOException {
        AudioInputStream stretch = new AudioInputStream(framesFrom(start), format, count);
        try {
            return partFormat.equals(format) ? stretch : AudioSystem.getAudioInputStream(partFormat, stretch);
        } catch (RuntimeException e) {
            stretch.close();
            throw e;
        }
    }

    /**
     * The header the JDK's WAV writer puts before {@code count} frames of {@code format}: written for a stream that
     * declares that length but holds no frames, so the writer emits the header alone.
     */
    byte[] header(AudioFormat format, long count) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(64);
        try {
            AudioSystem.write(new AudioInputStream(InputStream.nullInputStream(), format, count),
                    AudioFileFormat.Type.WAVE, header);
        } catch (IOException | IllegalArgumentException e) {
            throw new AudioValidationException("WAV '" + source.fileName() + "' is in a format (" + format + ") "
                    + "that cannot be written back as parts: convert it to 16-bit PCM first");
        }
        return header.toByteArray();
    }
}
