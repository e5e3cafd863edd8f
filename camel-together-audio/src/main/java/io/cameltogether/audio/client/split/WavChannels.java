package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import io.cameltogether.audio.client.request.AudioSource;

/**
 * The channels of a WAV recording, each as a mono WAV of its own, made from the recording every time it is read
 * (nothing is held but a block of frames), and how loud each channel is. A channel keeps the recording's encoding
 * (PCM, mu-law, A-law), so a G.711 call's tracks upload as few bytes as the call; float becomes 16-bit, as parts do.
 */
final class WavChannels {

    /** The window whose level says how loud a channel gets: a syllable's length. */
    private static final int WINDOW_MILLIS = 50;
    private static final int BLOCK_FRAMES = 4096;
    /** A difference this far below the sound is rounding and re-encoding, not a second voice. */
    private static final double SAME_AUDIO_DB = -30;

    private final AudioSource source;
    private final WavRecording recording;
    private final AudioFormat trackFormat;
    private final int sampleBytes;

    private WavChannels(AudioSource source, WavRecording recording) {
        this.source = source;
        this.recording = recording;
        AudioFormat parts = recording.partFormat();
        this.sampleBytes = parts.getFrameSize() / parts.getChannels();
        this.trackFormat = new AudioFormat(parts.getEncoding(), parts.getSampleRate(), parts.getSampleSizeInBits(), 1,
                sampleBytes, parts.getFrameRate(), parts.isBigEndian());
    }

    /** Reads the recording's header; fails if it is no WAV the JDK reads. */
    static WavChannels of(AudioSource source) throws IOException {
        return new WavChannels(source, WavRecording.of(source));
    }

    int count() {
        return recording.format().getChannels();
    }

    double seconds() {
        return recording.seconds(recording.frames());
    }

    /** Channel {@code index} (from 0) as a mono WAV named after the recording and {@code name}. */
    AudioSource track(int index, String name) {
        long frames = recording.frames();
        byte[] header = recording.header(trackFormat, frames);
        String fileName = source.fileName().replaceFirst("(?i)\\.wav$", "") + "-" + name + ".wav";
        return AudioSource.derived(source, () -> new ChannelStream(header, recording.partFrames(0, frames), count(),
                sampleBytes, index, frames), fileName, header.length + frames * sampleBytes);
    }

    /**
     * How loud each channel gets, and whether it carries the first channel's audio.
     *
     * @param loudestDbfs per channel, the level of its loudest 50 ms in dBFS (-inf for digital silence)
     * @param copiesFirst per channel, whether it differs from the first by less than {@value #SAME_AUDIO_DB} dB of
     *                    their sound: one recording put on both, as in a mono recording saved as stereo
     */
    record Levels(double[] loudestDbfs, boolean[] copiesFirst) {
    }

    /** Measures every channel in one read of the recording. */
    Levels levels() throws IOException {
        int channels = count();
        AudioFormat format = recording.format();
        AudioFormat linear = new AudioFormat(format.getSampleRate(), 16, channels, true, false);
        int window = Math.max(1, (int) (format.getFrameRate() * WINDOW_MILLIS / 1000));
        double[] loudest = new double[channels];
        double[] sums = new double[channels];
        double[] energy = new double[channels];
        double[] differences = new double[channels];
        int inWindow = 0;
        try (AudioInputStream frames = recording.framesFrom(0);
             AudioInputStream samples = format.matches(linear) ? frames
                     : AudioSystem.getAudioInputStream(linear, frames)) {
            byte[] block = new byte[BLOCK_FRAMES * channels * 2];
            for (int read = samples.readNBytes(block, 0, block.length); read > 0;
                 read = samples.readNBytes(block, 0, block.length)) {
                ByteBuffer pcm = ByteBuffer.wrap(block, 0, read - read % (channels * 2)).order(ByteOrder.LITTLE_ENDIAN);
                while (pcm.hasRemaining()) {
                    double first = 0;
                    for (int c = 0; c < channels; c++) {
                        double sample = pcm.getShort() / 32768.0;
                        first = c == 0 ? sample : first;
                        sums[c] += sample * sample;
                        energy[c] += sample * sample;
                        differences[c] += (sample - first) * (sample - first);
                    }
                    if (++inWindow == window) {
                        for (int c = 0; c < channels; c++) {
                            loudest[c] = Math.max(loudest[c], sums[c] / window);
                            sums[c] = 0;
                        }
                        inWindow = 0;
                    }
                }
            }
        }
        double[] dbfs = new double[channels];
        boolean[] copiesFirst = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            double meanSquare = inWindow > 0 ? Math.max(loudest[c], sums[c] / inWindow) : loudest[c];
            dbfs[c] = 10 * Math.log10(meanSquare);
            double sound = Math.max(energy[0], energy[c]);
            copiesFirst[c] = c > 0 && sound > 0 && 10 * Math.log10(differences[c] / sound) < SAME_AUDIO_DB;
        }
        return new Levels(dbfs, copiesFirst);
    }

    /**
     * A mono WAV: its header, then one channel's samples out of interleaved frames, a block at a time. It knows how
     * many bytes are left, as a WAV reader wants to (one stream, so that {@link #available()} counts them all).
     */
    private static final class ChannelStream extends InputStream {

        private final InputStream frames;
        private final int channels;
        private final int sampleBytes;
        private final int offset;
        private final byte[] block;
        private final byte[] samples;
        private int position;
        private int limit;
        private long unread;

        ChannelStream(byte[] header, InputStream frames, int channels, int sampleBytes, int index, long frameCount) {
            this.frames = frames;
            this.unread = header.length + frameCount * sampleBytes;
            this.channels = channels;
            this.sampleBytes = sampleBytes;
            this.offset = index * sampleBytes;
            this.block = new byte[BLOCK_FRAMES * channels * sampleBytes];
            this.samples = new byte[Math.max(BLOCK_FRAMES * sampleBytes, header.length)];
            System.arraycopy(header, 0, samples, 0, header.length);
            this.limit = header.length;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            unread--;
            return samples[position++] & 0xFF;
        }

        /** Skips whole samples by skipping frames in the recording, not by reading them: parts start far in. */
        @Override
        public long skip(long n) throws IOException {
            long skipped = Math.max(0, Math.min(n, limit - position));
            position += (int) skipped;
            long samplesToSkip = (n - skipped) / sampleBytes;
            if (samplesToSkip > 0) {
                long frameBytes = (long) channels * sampleBytes;
                skipped += frames.skip(samplesToSkip * frameBytes) / frameBytes * sampleBytes;
            }
            if (skipped == 0 && n > 0) {
                return super.skip(n); // less than a sample: read it
            }
            unread -= skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, unread));
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(samples, position, into, off, n);
            position += n;
            unread -= n;
            return n;
        }

        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            int frameBytes = channels * sampleBytes;
            int read = frames.readNBytes(block, 0, block.length);
            int count = read / frameBytes;
            for (int f = 0; f < count; f++) {
                System.arraycopy(block, f * frameBytes + offset, samples, f * sampleBytes, sampleBytes);
            }
            position = 0;
            limit = count * sampleBytes;
            return limit > 0;
        }

        @Override
        public void close() throws IOException {
            frames.close();
        }
    }
}
