package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.cameltogether.audio.client.request.AudioSource;

/**
 * The duration the container of a recording the component cannot split declares (M4A, Ogg Vorbis, Opus, WebM) or
 * its frames add up to (ADTS AAC), read from headers and skipped over, never decoded: so that a recording over the
 * API's limit is refused before it is uploaded. Empty where the container does not say (a WebM written live).
 */
final class ContainerDurations {

    private static final int TAIL = 64 * 1024;

    private ContainerDurations() {
    }

    static Optional<Double> seconds(AudioSource audio) throws IOException {
        return switch (audio.format()) {
            case M4A -> m4a(audio);
            case OGG, OPUS -> ogg(audio);
            case WEBM -> webm(audio);
            case AAC -> adts(audio);
            default -> Optional.empty();
        };
    }

    /** ISO BMFF: the movie header's duration over its time scale; the moov box may come after the media. */
    private static Optional<Double> m4a(AudioSource audio) throws IOException {
        try (InputStream in = new BufferedInputStream(audio.open())) {
            long moov = box(in, "moov", Long.MAX_VALUE);
            if (moov < 0 || box(in, "mvhd", moov) < 0) {
                return Optional.empty();
            }
            int version = in.read();
            in.skipNBytes(3 + (version == 1 ? 16 : 8));
            long timescale = ByteBuffer.wrap(in.readNBytes(4)).getInt() & 0xFFFFFFFFL;
            byte[] duration = in.readNBytes(version == 1 ? 8 : 4);
            long units = version == 1 ? ByteBuffer.wrap(duration).getLong()
                    : ByteBuffer.wrap(duration).getInt() & 0xFFFFFFFFL;
            return timescale == 0 ? Optional.empty() : Optional.of(units / (double) timescale);
        }
    }

    /** Skips boxes until one of the type, within {@code limit} bytes; returns its content's size, or -1. */
    private static long box(InputStream in, String type, long limit) throws IOException {
        long read = 0;
        while (read + 8 <= limit) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                return -1;
            }
            long size = ByteBuffer.wrap(header).getInt() & 0xFFFFFFFFL;
            int headerSize = 8;
            if (size == 1) {
                size = ByteBuffer.wrap(in.readNBytes(8)).getLong();
                headerSize = 16;
            }
            if (new String(header, 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return size == 0 ? Long.MAX_VALUE : size - headerSize;
            }
            if (size < headerSize) {
                return -1; // 0: the box runs to the end of the file, so nothing follows it
            }
            in.skipNBytes(size - headerSize);
            read += size;
        }
        return -1;
    }

    /** Ogg: the last page's granule position, in samples at the stream's rate (48 kHz for Opus, less its pre-skip). */
    private static Optional<Double> ogg(AudioSource audio) throws IOException {
        byte[] head;
        try (InputStream in = audio.open()) {
            head = in.readNBytes(128);
        }
        int vorbis = indexOf(head, "vorbis".getBytes(StandardCharsets.US_ASCII));
        int opus = indexOf(head, "OpusHead".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer header = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long rate = opus >= 0 ? 48_000 : vorbis >= 0 ? header.getInt(vorbis + 11) & 0xFFFFFFFFL : 0;
        int preSkip = opus >= 0 ? header.getShort(opus + 10) & 0xFFFF : 0;
        byte[] tail = tail(audio);
        for (int page = tail.length - 27; page >= 0; page--) {
            if (tail[page] == 'O' && tail[page + 1] == 'g' && tail[page + 2] == 'g' && tail[page + 3] == 'S') {
                long granule = ByteBuffer.wrap(tail, page + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                return rate == 0 || granule <= 0 ? Optional.empty() : Optional.of((granule - preSkip) / (double) rate);
            }
        }
        return Optional.empty();
    }

    /** WebM (EBML): Segment, Info, then Duration in units of TimecodeScale nanoseconds (1 ms unless it says). */
    private static Optional<Double> webm(AudioSource audio) throws IOException {
        byte[] head;
        try (InputStream in = audio.open()) {
            head = in.readNBytes(TAIL);
        }
        Ebml ebml = new Ebml(head);
        long timecodeScale = 1_000_000;
        Double duration = null;
        while (ebml.hasNext()) { // an element running past the bytes read ends the walk: no duration known
            long id = ebml.id();
            long size = ebml.size();
            if (id == 0x18538067L || id == 0x1549A966L) { // Segment and Info: look inside
                continue;
            }
            if (ebml.at + size > head.length) {
                break;
            }
            if (id == 0x2AD7B1L) {
                timecodeScale = ebml.unsigned(size);
            } else if (id == 0x4489L) {
                duration = size == 4 ? (double) ebml.buffer.getFloat(ebml.at) : ebml.buffer.getDouble(ebml.at);
            } else if (id == 0x1F43B675L) { // the first Cluster: Info is behind
                break;
            }
            ebml.at += size;
        }
        return duration == null ? Optional.empty() : Optional.of(duration * timecodeScale / 1e9);
    }

    /** ADTS AAC: frames of 1,024 samples each, walked by the length every frame header gives. */
    private static Optional<Double> adts(AudioSource audio) throws IOException {
        int[] rates = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};
        long frames = 0;
        int rate = 0;
        try (InputStream in = new BufferedInputStream(audio.open())) {
            byte[] header;
            while ((header = in.readNBytes(7)).length == 7
                    && (header[0] & 0xFF) == 0xFF && (header[1] & 0xF6) == 0xF0) {
                int rateIndex = (header[2] & 0x3C) >> 2;
                int length = (header[3] & 0x03) << 11 | (header[4] & 0xFF) << 3 | (header[5] & 0xE0) >> 5;
                if (rateIndex >= rates.length || length < 7) {
                    break;
                }
                rate = rates[rateIndex];
                frames++;
                in.skipNBytes(length - 7);
            }
        } catch (EOFException cutShort) {
            // the last frame is cut short: the frames before it count
        }
        return rate == 0 ? Optional.empty() : Optional.of(frames * 1024.0 / rate);
    }

    private static byte[] tail(AudioSource audio) throws IOException {
        try (InputStream in = audio.open()) {
            in.skipNBytes(Math.max(0, audio.length() - TAIL));
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads EBML element ids and sizes (variable-length integers) from a buffer. */
    private static final class Ebml {
        final ByteBuffer buffer;
        int at;

        Ebml(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes);
        }

        boolean hasNext() {
            int marker = at < buffer.limit() ? buffer.get(at) & 0xFF : 0;
            return marker != 0 && at + 16 <= buffer.limit();
        }

        /** An element id, its length marker kept, as the specification writes ids. */
        long id() {
            int length = Integer.numberOfLeadingZeros(buffer.get(at) & 0xFF) - 23;
            long id = 0;
            for (int i = 0; i < length && at < buffer.limit(); i++) {
                id = id << 8 | (buffer.get(at++) & 0xFF);
            }
            return id;
        }

        /** A size, its length marker removed; an unknown size (all ones) reads as 0, so the walk steps inside. */
        long size() {
            int first = buffer.get(at) & 0xFF;
            int length = Integer.numberOfLeadingZeros(first) - 23;
            long size = first & (0xFF >> length);
            boolean unknown = size == (0xFF >> length);
            for (int i = 1; i < length && at + i < buffer.limit(); i++) {
                size = size << 8 | (buffer.get(at + i) & 0xFF);
                unknown &= (buffer.get(at + i) & 0xFF) == 0xFF;
            }
            at += length;
            return unknown ? 0 : size;
        }

        long unsigned(long size) {
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = value << 8 | (buffer.get(at + i) & 0xFF);
            }
            return value;
        }
    }
}
