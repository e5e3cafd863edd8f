package io.cameltogether.audio.client.split;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * The frame an MP3 part begins with when its first frame's audio data begins in the frames before it (the bit
 * reservoir): a frame of silence, with no data of its own, whose data slot ends with the bytes the first frame takes
 * from before its header. A decoder then finds them where the first frame says they are and decodes it as it does
 * in the whole recording; without them it would drop the frame or decode noise. The lead-in has the first frame's
 * bitrate when that holds the bytes, so a constant-bitrate recording stays one, else the next bitrate that does.
 */
final class Mp3LeadIn {

    /** More than the frames a reservoir of 511 bytes can span, with the first frame's header. */
    private static final int MAX_SPAN_BYTES = 16 * 1024;

    private Mp3LeadIn() {
    }

    /**
     * The lead-in frame for the frame at {@code first}, read from the frames from {@code leadIn} on.
     *
     * @throws AudioValidationException when those bytes no longer are the frames the split was planned on
     */
    static byte[] frame(AudioSource audio, long leadIn, long first) throws IOException {
        int span = Math.toIntExact(first - leadIn);
        if (span <= 0 || span > MAX_SPAN_BYTES) {
            throw new IllegalArgumentException("no lead-in from byte " + leadIn + " to the frame at " + first);
        }
        byte[] bytes;
        long end = Math.min(audio.length(), first + Mp3Header.MAX_HEAD_BYTES);
        try (InputStream in = ByteRange.of(audio.open(), leadIn, end)) {
            bytes = in.readAllBytes();
        }
        ByteArrayOutputStream slots = new ByteArrayOutputStream();
        for (int at = 0; at < span; ) {
            Mp3Header frame = Mp3Header.read(bytes, at, span);
            if (frame == null || at + frame.length() > span) {
                throw changed(audio, leadIn);
            }
            slots.write(bytes, at + frame.dataStart(), frame.length() - frame.dataStart());
            at += frame.length();
        }
        Mp3Header firstFrame = Mp3Header.read(bytes, span, bytes.length);
        if (firstFrame == null || firstFrame.mainDataBegin() > slots.size()) {
            throw changed(audio, first);
        }
        int borrowed = firstFrame.mainDataBegin();
        int bitrate = firstFrame.bitrateIndex();
        while (firstFrame.slotAt(bitrate) < borrowed) {
            bitrate++; // the highest bitrate's slot holds the largest reservoir at every sample rate
        }
        byte[] frame = new byte[firstFrame.lengthAt(bitrate)];
        frame[0] = bytes[span];
        frame[1] = (byte) (bytes[span + 1] | 1);                 // no CRC
        frame[2] = (byte) (bitrate << 4 | bytes[span + 2] & 0x0D); // the sample rate and private bit, no padding
        frame[3] = bytes[span + 3];                               // the channel mode
        // the side information stays zero: data from 0 bytes back, no granule with data, so silence
        System.arraycopy(slots.toByteArray(), slots.size() - borrowed, frame, frame.length - borrowed, borrowed);
        return frame;
    }

    private static AudioValidationException changed(AudioSource audio, long at) {
        return new AudioValidationException("MP3 '" + audio.fileName() + "' has no frame at byte " + at + " where it "
                + "had one when it was split: it changed while being sent");
    }
}
