package io.cameltogether.audio.client.split;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * Walks the frames of a FLAC stream without decoding them. A FLAC frame does not state its length: the walk reads
 * the metadata (keeping STREAMINFO), then finds each frame header by its sync code and a matching CRC-8, so a frame
 * is known to end where the next one begins. Memory is one 64 KB buffer.
 */
final class FlacFrames implements Closeable {

    /** A frame: where it starts, and how many samples (per channel) it holds. */
    record Frame(long offset, int samples) {
    }

    private static final int BUFFER = 64 * 1024;
    /** The longest frame header: sync, codes, a 7-byte coded number, block size, sample rate, CRC-8. */
    private static final int MAX_HEADER = 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER + 2 * MAX_HEADER];
    private int start;
    private int end;
    private long bufferOffset;
    private boolean eof;
    private byte[] streamInfo;
    /** The frame number (fixed block size) or first sample number (variable) the next frame must carry, or -1. */
    private long expectedNumber = -1;
    private boolean variableBlockSize;

    FlacFrames(InputStream flac) {
        this.in = flac;
    }

    /** The 34 bytes of the STREAMINFO block; read by the first {@link #next}. */
    byte[] streamInfo() {
        return streamInfo;
    }

    int sampleRate() {
        return (streamInfo[10] & 0xFF) << 12 | (streamInfo[11] & 0xFF) << 4 | (streamInfo[12] & 0xF0) >> 4;
    }

    /** The next frame, or null at the end of the stream. */
    Frame next() throws IOException {
        if (streamInfo == null) {
            readMetadata();
        }
        while (true) {
            if (end - start < MAX_HEADER) {
                fill();
                if (end - start < 4) {
                    return null;
                }
            }
            int at = start;
            int samples = frameHeader(at);
            start++;
            if (samples > 0) {
                return new Frame(bufferOffset + at, samples);
            }
        }
    }

    private void readMetadata() throws IOException {
        byte[] marker = read(4);
        if (!Arrays.equals(marker, new byte[] {'f', 'L', 'a', 'C'})) {
            throw new AudioValidationException("the audio named FLAC does not start with fLaC");
        }
        boolean last = false;
        while (!last) {
            byte[] header = read(4);
            last = (header[0] & 0x80) != 0;
            int length = (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
            byte[] block = read(length);
            if ((header[0] & 0x7F) == 0) {
                streamInfo = block;
            }
        }
        if (streamInfo == null || streamInfo.length != 34) {
            throw new AudioValidationException("the FLAC stream has no STREAMINFO block");
        }
    }

    /** Samples in the frame whose header would start at {@code at}, or 0 if no valid header starts there. */
    private int frameHeader(int at) {
        byte[] b = buffer;
        if ((b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xFE) != 0xF8) {
            return 0;
        }
        int blockCode = (b[at + 2] & 0xF0) >> 4;
        int rateCode = b[at + 2] & 0x0F;
        int channels = (b[at + 3] & 0xF0) >> 4;
        int sizeCode = (b[at + 3] & 0x0E) >> 1;
        if (blockCode == 0 || rateCode == 15 || channels > 10 || sizeCode == 3 || sizeCode == 7
                || (b[at + 3] & 1) != 0) {
            return 0;
        }
        int p = at + 4;
        int lead = b[p++] & 0xFF; // the frame or sample number, coded as in UTF-8 (up to 7 bytes)
        if (lead >= 0x80 && lead < 0xC0 || lead == 0xFF) {
            return 0;
        }
        int extra = lead < 0x80 ? 0 : Integer.numberOfLeadingZeros(~lead << 24) - 1;
        long number = lead & (0x7F >> (extra == 0 ? 0 : extra + 1));
        for (int i = 0; i < extra; i++, p++) {
            if ((b[p] & 0xC0) != 0x80) {
                return 0;
            }
            number = number << 6 | (b[p] & 0x3F);
        }
        int samples;
        if (blockCode == 1) {
            samples = 192;
        } else if (blockCode <= 5) {
            samples = 576 << (blockCode - 2);
        } else if (blockCode == 6) {
            samples = (b[p++] & 0xFF) + 1;
        } else if (blockCode == 7) {
            samples = ((b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF)) + 1;
            p += 2;
        } else {
            samples = 256 << (blockCode - 8);
        }
        p += rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0;
        boolean variable = (b[at + 1] & 1) != 0;
        // a sync code and CRC can match by chance inside audio data, once in some megabytes: the numbering cannot
        if (crc8(b, at, p) != (b[p] & 0xFF) || expectedNumber >= 0 && (number != expectedNumber
                || variable != variableBlockSize)) {
            return 0;
        }
        variableBlockSize = variable;
        expectedNumber = variable ? number + samples : number + 1;
        return samples;
    }

    /** CRC-8 with polynomial x^8 + x^2 + x + 1, as FLAC frame headers carry. */
    private static int crc8(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? (crc << 1 ^ 0x07) & 0xFF : crc << 1 & 0xFF;
            }
        }
        return crc;
    }

    /** Moves the unread bytes to the front and reads more; past the end of the stream the buffer holds zeros. */
    private void fill() throws IOException {
        int left = end - start;
        System.arraycopy(buffer, start, buffer, 0, left);
        bufferOffset += start;
        start = 0;
        end = left;
        if (!eof) {
            int read = in.readNBytes(buffer, end, BUFFER);
            eof = read < BUFFER;
            end += read;
        }
        Arrays.fill(buffer, end, buffer.length, (byte) 0);
    }

    private byte[] read(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new AudioValidationException("the FLAC stream ends inside its metadata");
        }
        bufferOffset += count;
        return bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
