package io.cameltogether.audio.client.pcm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a WAV stream's samples and hands them out as 16-bit little-endian mono at the target rate, a chunk at a
 * time: channels are averaged, other depths scaled, and the rate changed by linear interpolation, which is ample
 * for speech recognition. Memory use is one chunk, whatever the stream's length.
 */
public final class PcmConverter {

    private final InputStream in;
    private final WavHeader wav;
    private final int targetRate;
    private final double step;
    private final byte[] frame;
    private double position;
    private double previous;
    private double current;
    private boolean primed;
    private boolean inputEnded;
    private boolean ended;
    private long remaining;

    public PcmConverter(InputStream in, WavHeader wav, int targetRate) {
        this.in = in;
        this.wav = wav;
        this.targetRate = targetRate;
        this.step = (double) wav.sampleRate() / targetRate;
        this.frame = new byte[wav.bytesPerFrame()];
        this.remaining = wav.dataBytes() < 0 ? Long.MAX_VALUE : wav.dataBytes();
    }

    /** The next chunk of up to {@code millis} of converted audio, or null at the end. */
    public byte[] next(int millis) throws IOException {
        int samples = Math.max(1, targetRate * millis / 1000);
        if (isTargetFormat()) {
            byte[] raw = in.readNBytes((int) Math.min(samples * 2L, remaining - remaining % 2));
            remaining -= raw.length;
            return raw.length < 2 ? null : raw;
        }
        ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        if (!primed) {
            primed = true;
            if (!advance()) {
                return null;
            }
            previous = current;
            inputEnded = !advance();
        }
        // output sample k lies 'position' of the way from source frame 'previous' to the next one, 'current'
        while (out.hasRemaining() && !ended) {
            double value = previous + (current - previous) * position;
            out.putShort((short) Math.max(-32768, Math.min(32767, Math.round(value * 32768)))); // exact for 16-bit input
            position += step;
            while (position >= 1 && !ended) {
                if (inputEnded) {
                    ended = true;
                    break;
                }
                previous = current;
                inputEnded = !advance();
                position -= 1;
            }
        }
        if (out.position() == 0) {
            return null;
        }
        return out.hasRemaining() ? java.util.Arrays.copyOf(out.array(), out.position()) : out.array(); // copy only the last
    }

    /** Already 16-bit mono at the target rate: passed through as read. */
    private boolean isTargetFormat() {
        return wav.channels() == 1 && wav.bitsPerSample() == 16 && !wav.floatingPoint()
                && wav.sampleRate() == targetRate;
    }

    /** Reads the next source frame into {@code current}, as a mono value in -1..1. */
    private boolean advance() throws IOException {
        if (remaining < frame.length || in.readNBytes(frame, 0, frame.length) < frame.length) {
            return false;
        }
        remaining -= frame.length;
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        for (int c = 0; c < wav.channels(); c++) {
            sum += sample(b);
        }
        current = sum / wav.channels();
        return true;
    }

    private double sample(ByteBuffer b) {
        if (wav.floatingPoint()) {
            return wav.bitsPerSample() == 32 ? b.getFloat() : b.getDouble();
        }
        return switch (wav.bitsPerSample()) {
            case 8 -> ((b.get() & 0xFF) - 128) / 128.0;
            case 16 -> b.getShort() / 32768.0;
            case 24 -> ((b.get() & 0xFF) | (b.get() & 0xFF) << 8 | b.get() << 16) / 8388608.0;
            default -> b.getInt() / 2147483648.0;
        };
    }
}
