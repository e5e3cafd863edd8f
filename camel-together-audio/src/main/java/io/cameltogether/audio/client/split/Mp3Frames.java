package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * Walks the MPEG-1/2/2.5 Layer III frames of an MP3 stream, reading each frame's header and side information and
 * skipping its audio: nothing is decoded, and memory is one small buffer and the last few frames' data slots. An
 * ID3v2 tag in front is skipped, and so is a Xing/Info/VBRI frame (the encoder's summary, which would claim the whole
 * file's length for any part that carried it; its LAME tag tells the encoder's delay), and ID3v2 tags between frames
 * (files put end to end); the walk ends at a trailing tag.
 */
final class Mp3Frames implements Closeable {

    /**
     * @param leadIn where the frame holding the first byte of this frame's audio data begins (the bit reservoir):
     *               its own offset when the data begins in the frame itself, or lies before the frames known
     */
    record Frame(long offset, int length, int samples, int sampleRate, long leadIn) {
    }

    /** A frame's data slot: the bytes after its side information, where its own and later frames' data lie. */
    private record Slot(long frameOffset, int bytes) {
    }

    private static final int RESYNC_LIMIT = 64 * 1024;
    /** The farthest back a frame's data can begin: 9 bits of main_data_begin. */
    private static final int MAX_RESERVOIR_BYTES = 511;

    private final InputStream in;
    /** Room for a summary frame's side information, Xing fields and LAME tag up to its encoder delay. */
    private final byte[] head = new byte[192];
    /** How many bytes of {@link #head} the last look ahead filled: near the end of the stream, fewer than it holds. */
    private int headBytes;
    private final Deque<Slot> recentSlots = new ArrayDeque<>();
    private int recentSlotBytes;
    private long position;
    private Frame first;
    private Mp3Header header;
    private int encoderDelay;

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
            forgetSlots(); // the next file's frames take nothing from the ones before it
            frame = frameHere(); // at the start, or at the start of a file appended to another
        }
        if (first == null) {
            first = frame;
        }
        return frame;
    }

    /**
     * The samples the encoder put before the recording's first sample, as the LAME tag of the summary frame in front
     * says ("LAME", or "Lavc"/"Lavf" for FFmpeg's); 0 without one.
     */
    int encoderDelay() {
        return encoderDelay;
    }

    /** The frame at the current position, or the next one within the resync limit. */
    private Frame frameHere() throws IOException {
        for (int searched = 0; searched < RESYNC_LIMIT; searched++) {
            in.mark(head.length);
            int read = in.readNBytes(head, 0, head.length);
            headBytes = read;
            in.reset();
            if (read < 4 || ascii(0, "APETAGEX") || ascii(0, "LYRICSBEGIN")) {
                return null;
            }
            if (ascii(0, "TAG")) {
                skip(128); // ID3v1: at the end, or between files put end to end
                forgetSlots();
                searched = -1;
                continue;
            }
            if (ascii(0, "ID3") && read >= 10) {
                skipId3v2(); // a tag in front, or between files put end to end
                forgetSlots();
                searched = -1;
                continue;
            }
            header = Mp3Header.read(head, 0, read);
            if (header != null && (searched == 0 || first == null || sameStream(header))) {
                if (searched > 0) {
                    forgetSlots(); // what lay before the bytes that were no frame is no reservoir to draw on
                }
                Frame frame = new Frame(position, header.length(), header.samples(), header.sampleRate(),
                        leadIn(header.mainDataBegin()));
                remember(new Slot(position, header.length() - header.dataStart()));
                return skip(frame.length()) == frame.length() ? frame : null;
            }
            skip(1);
        }
        throw new AudioValidationException("the MP3 has " + RESYNC_LIMIT + " bytes that are no MPEG Layer III "
                + "frame after byte " + (position - RESYNC_LIMIT) + ": it cannot be cut into parts without losing what "
                + "follows");
    }

    /** Whether a frame found after bytes that were none is of the same stream, not a chance match in other data. */
    private boolean sameStream(Mp3Header found) {
        return found.sampleRate() == first.sampleRate() && found.samples() == first.samples();
    }

    /** The offset of the frame whose slot holds the byte {@code reach} bytes back from the frame at the position. */
    private long leadIn(int reach) {
        Iterator<Slot> back = recentSlots.descendingIterator();
        int remaining = reach;
        while (remaining > 0 && back.hasNext()) {
            Slot slot = back.next();
            if (remaining <= slot.bytes()) {
                return slot.frameOffset();
            }
            remaining -= slot.bytes();
        }
        return position; // its own, or before the frames known: nothing before it can be carried
    }

    private void remember(Slot slot) {
        recentSlots.addLast(slot);
        recentSlotBytes += slot.bytes();
        while (recentSlotBytes - recentSlots.peekFirst().bytes() >= MAX_RESERVOIR_BYTES) {
            recentSlotBytes -= recentSlots.removeFirst().bytes();
        }
    }

    private void forgetSlots() {
        recentSlots.clear();
        recentSlotBytes = 0;
    }

    /** Whether the frame just read is an encoder's summary: "Xing"/"Info" after the side information, "VBRI" at 36. */
    private boolean isSummary() {
        int xing = header.dataStart();
        if (ascii(xing, "Xing") || ascii(xing, "Info")) {
            if (first == null) {
                encoderDelay = lameEncoderDelay(xing);
            }
            return true;
        }
        return ascii(36, "VBRI");
    }

    /** The 12-bit encoder delay of the LAME tag after the Xing fields that start at {@code xing}, or 0. */
    private int lameEncoderDelay(int xing) {
        int flags = head[xing + 7];
        int lame = xing + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0)
                + ((flags & 8) != 0 ? 4 : 0);
        boolean tagged = ascii(lame, "LAME") || ascii(lame, "Lavc") || ascii(lame, "Lavf");
        int delay = lame + 21; // after the encoder's name (9), revision (1), lowpass (1), replay gain (8), flags (2)
        return tagged && delay + 1 < headBytes ? (head[delay] & 0xFF) << 4 | (head[delay + 1] & 0xFF) >> 4 : 0;
    }

    private boolean ascii(int at, String tag) {
        if (at + tag.length() > headBytes) {
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
}
