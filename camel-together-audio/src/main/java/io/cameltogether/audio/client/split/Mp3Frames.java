package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * Walks the MPEG-1/2/2.5 Layer III frames of an MP3 stream, reading each frame's header and side information and
 * skipping its audio: nothing is decoded, and memory is one small buffer. An ID3v2 tag in front is skipped, and so
 * is a Xing/Info/VBRI frame (the encoder's summary, which would claim the whole file's length for any part that
 * carried it), and ID3v2 tags between frames (files put end to end); the walk ends at a trailing tag.
 */
final class Mp3Frames implements Closeable {

    /**
     * @param gain          the largest global gain of the frame's granules and channels (0 for one with no audio
     *                      data): the scale its decoded samples are multiplied by, 1.5 dB a step, so low in a pause
     *                      and high in speech, whatever bits the encoder spent (a constant-bitrate encoder spends
     *                      as many on a noise floor as on words)
     * @param selfContained its audio data begins in the frame itself, so decoding can start there
     */
    record Frame(long offset, int length, int samples, int sampleRate, int gain, boolean selfContained) {
    }

    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};
    private static final int RESYNC_LIMIT = 64 * 1024;

    private final InputStream in;
    private final byte[] head = new byte[64];
    private long position;
    private Frame first;
    /** Where the side information of the frame last parsed ends: an encoder's summary tag starts there. */
    private int sideInfoEnd;

    Mp3Frames(InputStream mp3) {
        this.in = new BufferedInputStream(mp3, 64 * 1024);
    }

    /**
     * The next audio frame, or null at the end of the audio: the end of the stream, a frame cut short there, or an
     * ID3v1, APE or Lyrics3 tag.
     *
     * @throws AudioValidationException when 64 KB of bytes that are no frame and no tag stand between frames: audio
     *                                  beyond them would be lost to the parts
     */
    Frame next() throws IOException {
        Frame frame = frameHere();
        while (frame != null && isSummary()) {
            frame = frameHere(); // at the start, or at the start of a file appended to another
        }
        if (first == null) {
            first = frame;
        }
        return frame;
    }

    /** The frame at the current position, or the next one within the resync limit. */
    private Frame frameHere() throws IOException {
        for (int searched = 0; searched < RESYNC_LIMIT; searched++) {
            in.mark(head.length);
            int read = in.readNBytes(head, 0, head.length);
            in.reset();
            if (read < 4 || ascii(0, "APETAGEX") || ascii(0, "LYRICSBEGIN")) {
                return null;
            }
            if (ascii(0, "TAG")) {
                skip(128); // ID3v1: at the end, or between files put end to end
                searched = -1;
                continue;
            }
            if (ascii(0, "ID3") && read >= 10) {
                skipId3v2(); // a tag in front, or between files put end to end
                searched = -1;
                continue;
            }
            Frame frame = parse(read);
            if (frame != null && (searched == 0 || first == null || sameStream(frame))) {
                return skip(frame.length()) == frame.length() ? frame : null;
            }
            skip(1);
        }
        throw new AudioValidationException("the MP3 has " + RESYNC_LIMIT + " bytes that are no MPEG Layer III "
                + "frame after byte " + (position - RESYNC_LIMIT) + ": it cannot be cut into parts without losing what "
                + "follows");
    }

    /** Whether a frame found after bytes that were none is of the same stream, not a chance match in other data. */
    private boolean sameStream(Frame frame) {
        return frame.sampleRate() == first.sampleRate() && frame.samples() == first.samples();
    }

    /** The frame whose first {@code read} bytes are in {@link #head}, or null if they are no Layer III header. */
    private Frame parse(int read) {
        int b1 = head[1] & 0xFF;
        int b2 = head[2] & 0xFF;
        int version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if ((head[0] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || version == 1 || ((b1 >> 1) & 3) != 1
                || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        boolean mono = (head[3] & 0xC0) == 0xC0;
        int sampleRate = MPEG1_RATES[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        int kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
        int length = (mpeg1 ? 144_000 : 72_000) * kbps / sampleRate + ((b2 >> 1) & 1);
        int sideInfo = 4 + ((b1 & 1) == 0 ? 2 : 0); // a CRC follows the header when the protection bit is 0
        sideInfoEnd = sideInfo + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
        SideInfoBits bits = new SideInfoBits(head, sideInfo, read);
        boolean selfContained = bits.take(mpeg1 ? 9 : 8) == 0;
        bits.take(mpeg1 ? (mono ? 5 : 3) : (mono ? 1 : 2)); // private bits
        int channels = mono ? 1 : 2;
        if (mpeg1) {
            bits.take(4 * channels); // scale factor selection
        }
        int gain = 0;
        for (int granule = 0; granule < (mpeg1 ? 2 : 1); granule++) {
            for (int channel = 0; channel < channels; channel++) {
                int dataBits = bits.take(12); // part2_3_length
                bits.take(9);                 // big_values
                int globalGain = bits.take(8);
                if (dataBits > 0) {           // a granule without data decodes to silence, whatever its gain
                    gain = Math.max(gain, globalGain);
                }
                bits.take(mpeg1 ? 30 : 34);   // the rest of this granule's channel entry
            }
        }
        return new Frame(position, length, mpeg1 ? 1152 : 576, sampleRate, gain, selfContained);
    }

    /** Whether the frame just read is an encoder's summary: "Xing"/"Info" after the side information, "VBRI" at 36. */
    private boolean isSummary() {
        return ascii(sideInfoEnd, "Xing") || ascii(sideInfoEnd, "Info") || ascii(36, "VBRI");
    }

    private boolean ascii(int at, String tag) {
        if (at + tag.length() > head.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (head[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips the ID3v2 tag whose header is at the start of {@link #head}. */
    private void skipId3v2() throws IOException {
        long size = (head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F);
        skip(10 + size + ((head[5] & 0x10) != 0 ? 10 : 0)); // a footer doubles the header
    }

    /** Skips up to {@code bytes}; fewer only at the end of the stream. */
    private long skip(long bytes) throws IOException {
        long skipped = in.skip(bytes);
        while (skipped < bytes) {
            if (in.read() < 0) {
                break;
            }
            skipped += 1 + in.skip(bytes - skipped - 1);
        }
        position += skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads fields of up to 32 bits, most significant bit first, from the side information; zeros past its end. */
    private static final class SideInfoBits {
        private final byte[] bytes;
        private final int end;
        private int bit;

        SideInfoBits(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.end = end;
            this.bit = start * 8;
        }

        int take(int count) {
            int value = 0;
            for (int i = 0; i < count; i++, bit++) {
                int index = bit >> 3;
                int b = index < end ? (bytes[index] >> (7 - (bit & 7))) & 1 : 0;
                value = value << 1 | b;
            }
            return value;
        }
    }
}
