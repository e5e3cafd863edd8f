package io.cameltogether.audio.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells the container format from an upload's first bytes, as the real service does (the file name and content
 * type are not trusted), and its duration: exact for WAV and FLAC from their headers, read from the container for
 * Ogg, M4A and WebM, from the Xing/Info frame count for MP3 (else estimated from its bit rate, as for AAC).
 */
final class AudioProbe {

    /** The bit rate assumed when a container does not say (128 kbit/s, the usual encoder default). */
    private static final double FALLBACK_BYTES_PER_SECOND = 16_000;

    private AudioProbe() {
    }

    static Optional<String> format(byte[] head) {
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE")) {
            return Optional.of("wav");
        }
        if (startsWith(head, 0, "fLaC")) {
            return Optional.of("flac");
        }
        if (startsWith(head, 0, "OggS")) {
            return Optional.of(indexOf(head, "OpusHead") >= 0 ? "opus" : "ogg");
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF
                && (head[3] & 0xFF) == 0xA3) {
            return Optional.of("webm");
        }
        if (startsWith(head, 4, "ftyp")) {
            return Optional.of("m4a");
        }
        if (startsWith(head, 0, "ID3")) {
            return Optional.of("mp3");
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            // frame sync: layer bits 00 mean an ADTS (AAC) header, anything else MPEG audio
            return Optional.of((head[1] & 0x06) == 0 ? "aac" : "mp3");
        }
        return Optional.empty();
    }

    /**
     * Whether the audio holds samples to decode, where the header can tell: a WAV without a format chunk, or without
     * a single sample, is refused as the real service refuses it.
     */
    static boolean decodable(String format, byte[] head, long totalBytes) {
        if (!format.equals("wav")) {
            return totalBytes > 0;
        }
        Double seconds = wavDuration(head, totalBytes);
        return seconds != null && seconds > 0;
    }

    /** @param mp3FrameSeconds the audio in the MP3 frames counted as they arrived, used when no Xing frame says */
    static double durationSeconds(String format, byte[] head, byte[] tail, long totalBytes, Double mp3FrameSeconds) {
        Double exact = switch (format) {
            case "wav" -> wavDuration(head, totalBytes);
            case "flac" -> flacDuration(head);
            case "ogg", "opus" -> oggDuration(format, head, tail);
            case "m4a" -> m4aDuration(head, tail);
            case "webm" -> webmDuration(head);
            case "mp3" -> mp3Duration(head, totalBytes, mp3FrameSeconds);
            case "aac" -> adtsDuration(head, totalBytes);
            default -> null;
        };
        return exact != null && exact > 0 ? exact : totalBytes / FALLBACK_BYTES_PER_SECOND;
    }

    private static Double wavDuration(byte[] head, long totalBytes) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        long byteRate = 0;
        while (pos + 8 <= head.length) {
            String id = new String(head, pos, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            if (id.equals("fmt ") && pos + 16 <= head.length) {
                byteRate = Integer.toUnsignedLong(b.getInt(pos + 16));
            } else if (id.equals("data")) {
                long available = totalBytes - (pos + 8);
                long data = size == 0 || size == 0xFFFFFFFFL ? available : Math.min(size, available);
                return byteRate > 0 ? (double) data / byteRate : null;
            }
            pos += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - pos - 8);
        }
        return null;
    }

    private static Double flacDuration(byte[] head) {
        if (head.length < 26) {
            return null;
        }
        // STREAMINFO starts at 8; sample rate is 20 bits at byte 18, total samples 36 bits ending at byte 25
        long bits = ByteBuffer.wrap(head, 18, 8).getLong();
        long sampleRate = bits >>> 44;
        long samples = bits & 0xFFFFFFFFFL;
        return sampleRate > 0 && samples > 0 ? (double) samples / sampleRate : null;
    }

    private static Double oggDuration(String format, byte[] head, byte[] tail) {
        int last = lastIndexOf(tail, "OggS");
        if (last < 0 || last + 14 > tail.length) {
            return null;
        }
        long granule = ByteBuffer.wrap(tail, last + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (format.equals("opus")) {
            int opusHead = indexOf(head, "OpusHead");
            int preSkip = opusHead >= 0 && opusHead + 12 <= head.length
                    ? ByteBuffer.wrap(head, opusHead + 10, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF : 0;
            return (granule - preSkip) / 48_000.0;
        }
        int vorbis = indexOf(head, "\u0001vorbis");
        if (vorbis < 0 || vorbis + 16 > head.length) {
            return null;
        }
        long rate = Integer.toUnsignedLong(ByteBuffer.wrap(head, vorbis + 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        return rate > 0 ? (double) granule / rate : null;
    }

    /** The movie header's duration over its time scale; the moov box sits at the start or the end of the file. */
    private static Double m4aDuration(byte[] head, byte[] tail) {
        for (byte[] bytes : new byte[][] { head, tail }) {
            int at = indexOf(bytes, "mvhd");
            if (at >= 0 && at + 24 <= bytes.length) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                int version = bytes[at + 4];
                if (version == 0) {
                    long scale = Integer.toUnsignedLong(b.getInt(at + 16));
                    long duration = Integer.toUnsignedLong(b.getInt(at + 20));
                    return scale > 0 ? (double) duration / scale : null;
                }
                if (at + 36 <= bytes.length) {
                    long scale = Integer.toUnsignedLong(b.getInt(at + 24));
                    return scale > 0 ? (double) b.getLong(at + 28) / scale : null;
                }
            }
        }
        return null;
    }

    /** The Segment Info Duration element (ID 0x4489), in TimecodeScale units (default 1 ms). */
    private static Double webmDuration(byte[] head) {
        for (int i = 0; i + 11 <= head.length; i++) {
            if ((head[i] & 0xFF) == 0x44 && (head[i + 1] & 0xFF) == 0x89) {
                int size = head[i + 2] & 0xFF;
                ByteBuffer b = ByteBuffer.wrap(head);
                if (size == 0x84) {
                    return b.getFloat(i + 3) / 1000.0;
                }
                if (size == 0x88) {
                    return b.getDouble(i + 3) / 1000.0;
                }
            }
        }
        return null;
    }

    private static final int[] MPEG1_LAYER3_KBPS = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 };
    private static final int[] MPEG2_LAYER3_KBPS = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 };

    private static final int[] MPEG1_RATES = { 44100, 48000, 32000 };

    /**
     * The frame count of the Xing/Info header the encoders write into the first frame (exact, constant or variable
     * bit rate alike); without one, the frames counted as the upload arrived, else the first frame's bit rate over
     * the whole size (exact for constant bit rate).
     */
    private static Double mp3Duration(byte[] head, long totalBytes, Double frameSeconds) {
        int pos = 0;
        if (startsWith(head, 0, "ID3") && head.length >= 10) {
            pos = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F));
        }
        for (; pos + 4 <= head.length; pos++) {
            if ((head[pos] & 0xFF) == 0xFF && (head[pos + 1] & 0xE0) == 0xE0) {
                int version = (head[pos + 1] & 0x18) >> 3; // 3: MPEG 1, 2: MPEG 2, 0: MPEG 2.5
                int index = (head[pos + 2] & 0xF0) >> 4;
                int rateIndex = (head[pos + 2] & 0x0C) >> 2;
                if (index == 0 || index == 15 || rateIndex == 3 || version == 1) {
                    continue;
                }
                boolean mpeg1 = version == 3;
                int sampleRate = MPEG1_RATES[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
                Long frames = xingFrames(head, pos);
                if (frames != null) {
                    return frames * (mpeg1 ? 1152.0 : 576.0) / sampleRate;
                }
                if (frameSeconds != null) {
                    return frameSeconds;
                }
                int kbps = (mpeg1 ? MPEG1_LAYER3_KBPS : MPEG2_LAYER3_KBPS)[index];
                return (totalBytes - pos) * 8.0 / (kbps * 1000.0);
            }
        }
        return null;
    }

    /** The frame count a "Xing" or "Info" tag in the frame at {@code pos} holds, or null. */
    private static Long xingFrames(byte[] head, int pos) {
        for (int tag = pos + 4; tag + 12 <= head.length && tag < pos + 4 + 40; tag++) {
            if ((startsWith(head, tag, "Xing") || startsWith(head, tag, "Info")) && (head[tag + 7] & 0x01) != 0) {
                return ((head[tag + 8] & 0xFFL) << 24) | ((head[tag + 9] & 0xFF) << 16) | ((head[tag + 10] & 0xFF) << 8)
                        | (head[tag + 11] & 0xFF);
            }
        }
        return null;
    }

    private static final int[] ADTS_SAMPLE_RATES = { 96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
            12000, 11025, 8000, 7350 };

    /** ADTS frames hold 1024 samples each: the frames in the head give the average frame size. */
    private static Double adtsDuration(byte[] head, long totalBytes) {
        int pos = 0;
        int frames = 0;
        int rate = 0;
        while (pos + 7 <= head.length && (head[pos] & 0xFF) == 0xFF && (head[pos + 1] & 0xF6) == 0xF0) {
            int rateIndex = (head[pos + 2] & 0x3C) >> 2;
            int frameLength = (head[pos + 3] & 0x03) << 11 | (head[pos + 4] & 0xFF) << 3 | (head[pos + 5] & 0xE0) >> 5;
            if (rateIndex >= ADTS_SAMPLE_RATES.length || frameLength < 7) {
                break;
            }
            rate = ADTS_SAMPLE_RATES[rateIndex];
            frames++;
            pos += frameLength;
        }
        if (frames == 0) {
            return null;
        }
        double averageFrame = (double) Math.min(pos, head.length) / frames;
        return totalBytes / averageFrame * 1024 / rate;
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        if (bytes.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, String ascii) {
        for (int i = 0; i + ascii.length() <= bytes.length; i++) {
            if (startsWith(bytes, i, ascii)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, String ascii) {
        for (int i = bytes.length - ascii.length(); i >= 0; i--) {
            if (startsWith(bytes, i, ascii)) {
                return i;
            }
        }
        return -1;
    }
}
