package io.cameltogether.audio.client.split;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.split.FlacFrames.Frame;

/**
 * Cuts a FLAC into parts between frames ({@link FramedCuts}), without decoding: a frame's loudness is judged by its
 * size per sample, since silence compresses to almost nothing. Every FLAC frame decodes on its own. Each part is a
 * FLAC file of its own: the recording's STREAMINFO, its sample count set to the part's, then the part's frames.
 */
final class FlacParts {

    /** fLaC, one metadata block header, STREAMINFO: what each part has before its frames. */
    private static final int PART_HEADER_BYTES = 4 + 4 + 34;

    /**
     * A frame's loudness is judged by the bits it spends per sample: its residual grows a bit for every 6 dB of
     * sound.
     */
    private static final double BIT_DB = 6.02;

    private FlacParts() {
    }

    /** The parts, or empty if the whole FLAC keeps to both limits. */
    static Optional<List<AudioPart>> split(AudioSource audio, double maxPartSeconds, long maxPartBytes)
            throws IOException {
        byte[] streamInfo;
        int sampleRate;
        List<FramedCuts.Bound> bounds;
        try (FlacFrames frames = new FlacFrames(audio.open())) {
            Frame first = frames.next();
            streamInfo = frames.streamInfo();
            sampleRate = frames.sampleRate();
            if (first == null || sampleRate == 0) {
                return Optional.empty(); // nothing to cut by: the API judges it whole
            }
            long maxPartSamples = (long) (maxPartSeconds * sampleRate);
            long totalSamples = (streamInfo[13] & 0x0FL) << 32 | (streamInfo[14] & 0xFFL) << 24
                    | (streamInfo[15] & 0xFF) << 16 | (streamInfo[16] & 0xFF) << 8 | (streamInfo[17] & 0xFF);
            if (totalSamples > 0 && totalSamples <= maxPartSamples && audio.length() <= maxPartBytes) {
                return Optional.empty(); // STREAMINFO tells it fits: no need to read its frames
            }
            Frame[] next = {first};
            FramedCuts.Limits limits = new FramedCuts.Limits(maxPartSamples, maxPartBytes - PART_HEADER_BYTES, 0, 0);
            bounds = FramedCuts.plan(() -> {
                Frame frame = next[0];
                if (frame == null) {
                    return null;
                }
                next[0] = frames.next();
                long length = (next[0] != null ? next[0].offset() : audio.length()) - frame.offset();
                return new FramedCuts.CodedFrame(frame.offset(), (int) length, frame.samples(),
                        BIT_DB * 8.0 * length / frame.samples(), frame.offset()); // each frame decodes alone
            }, sampleRate, first.samples(), limits, 2, FramedCuts.Loudness.AS_READ); // a cut between two frames
        }
        return bounds.size() <= 2 ? Optional.empty() : Optional.of(parts(audio, bounds, streamInfo, sampleRate));
    }

    private static List<AudioPart> parts(AudioSource audio, List<FramedCuts.Bound> bounds, byte[] streamInfo,
                                         int sampleRate) {
        List<AudioPart> parts = new ArrayList<>(bounds.size() - 1);
        String name = audio.fileName().replaceFirst("(?i)\\.flac$", "");
        for (int i = 0; i + 1 < bounds.size(); i++) {
            FramedCuts.Bound from = bounds.get(i);
            FramedCuts.Bound to = bounds.get(i + 1);
            byte[] header = header(streamInfo, to.sample() - from.sample());
            AudioSource part = AudioSource.rereadable(() -> new SequenceInputStream(new ByteArrayInputStream(header),
                    ByteRange.of(audio.open(), from.offset(), to.offset())), name + "-part" + (i + 1) + ".flac",
                    AudioFormat.FLAC.contentType(), header.length + to.offset() - from.offset());
            parts.add(new AudioPart(i + 1, bounds.size() - 1, from.sample() / (double) sampleRate,
                    to.sample() / (double) sampleRate, part));
        }
        return parts;
    }

    /** "fLaC" and the recording's STREAMINFO as the only metadata block, counting the part's samples, no MD5. */
    private static byte[] header(byte[] streamInfo, long samples) {
        byte[] info = Arrays.copyOf(streamInfo, 34);
        info[13] = (byte) (info[13] & 0xF0 | (int) (samples >>> 32) & 0x0F);
        for (int i = 0; i < 4; i++) {
            info[14 + i] = (byte) (samples >>> (24 - 8 * i));
        }
        Arrays.fill(info, 18, 34, (byte) 0);
        byte[] header = new byte[PART_HEADER_BYTES];
        header[0] = 'f';
        header[1] = 'L';
        header[2] = 'a';
        header[3] = 'C';
        header[4] = (byte) 0x80; // the last metadata block, of type 0: STREAMINFO
        header[7] = 34;
        System.arraycopy(info, 0, header, 8, 34);
        return header;
    }
}
