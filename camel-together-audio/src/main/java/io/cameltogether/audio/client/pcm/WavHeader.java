package io.cameltogether.audio.client.pcm;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * The format of a WAV stream, read up to the start of its samples: integer PCM of 8, 16, 24 or 32 bits, or 32/64-bit
 * float, any rate and channel count (WAVE_FORMAT_EXTENSIBLE included).
 */
public record WavHeader(int sampleRate, int channels, int bitsPerSample, boolean floatingPoint, long dataBytes) {

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;

    /** True if the bytes start like a WAV file ("RIFF....WAVE"). */
    public static boolean looksLikeWav(byte[] head) {
        return head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'A' && head[10] == 'V' && head[11] == 'E';
    }

    /**
     * Whether the bytes claim to be a RIFF file: such a body is read as a WAV (and refused if it is not one it can
     * read), never streamed as if it were raw PCM.
     */
    public static boolean claimsRiff(byte[] head) {
        return head.length >= 4 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F';
    }

    /** Reads the header, leaving the stream at the first sample. */
    public static WavHeader read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] riff = new byte[12];
        try {
            in.readFully(riff);
        } catch (EOFException e) {
            throw new AudioValidationException("audio is not a WAV file: its RIFF header is cut short");
        }
        if (!looksLikeWav(riff)) {
            throw new AudioValidationException("audio is not a WAV file (no RIFF/WAVE header)");
        }
        WavHeader format = null;
        while (true) {
            byte[] chunkHeader = new byte[8];
            try {
                in.readFully(chunkHeader);
            } catch (EOFException e) {
                throw new AudioValidationException("WAV file has no data chunk");
            }
            String id = new String(chunkHeader, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(chunkHeader, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (id.equals("fmt ")) {
                byte[] fmt = new byte[(int) size + (int) (size & 1)];
                in.readFully(fmt);
                format = parseFormat(ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN));
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new AudioValidationException("WAV file has its data before its format");
                }
                return new WavHeader(format.sampleRate, format.channels, format.bitsPerSample, format.floatingPoint,
                        size == 0xFFFFFFFFL ? -1 : size);
            } else {
                in.skipNBytes(size + (size & 1));
            }
        }
    }

    private static WavHeader parseFormat(ByteBuffer fmt) {
        int tag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        int rate = fmt.getInt(4);
        int bits = fmt.getShort(14) & 0xFFFF;
        if (tag == EXTENSIBLE && fmt.capacity() >= 26) {
            tag = fmt.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
        }
        boolean floating = tag == IEEE_FLOAT;
        boolean supported = (tag == PCM && Arrays.asList(8, 16, 24, 32).contains(bits))
                || (floating && (bits == 32 || bits == 64));
        if (!supported || channels < 1 || rate < 1000) {
            throw new AudioValidationException("WAV format not supported (format tag " + tag + ", " + bits + " bits, "
                    + channels + " channels, " + rate + " Hz): use integer PCM of 8-32 bits or float PCM");
        }
        return new WavHeader(rate, channels, bits, floating, -1);
    }

    int bytesPerFrame() {
        return channels * bitsPerSample / 8;
    }
}
