package io.cameltogether.audio.emulator;

/**
 * Counts the MPEG Layer III frames of an upload as its bytes go by, as a decoder would meet them: the duration of
 * an MP3 without a Xing/Info frame (a part cut from a longer file, say) is then exact, not guessed from the first
 * frame's bit rate, which in variable bit rate files says little about the rest.
 */
final class Mp3FrameCounter {

    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    private final byte[] header = new byte[10];
    private int headerLength;
    private long toSkip;
    private boolean tagChecked;
    private boolean notMp3;
    private long samples;
    private int sampleRate;

    void update(byte[] bytes) {
        if (notMp3) {
            return;
        }
        int i = 0;
        while (i < bytes.length) {
            if (toSkip > 0) {
                int skipped = (int) Math.min(toSkip, bytes.length - i);
                toSkip -= skipped;
                i += skipped;
                continue;
            }
            header[headerLength++] = bytes[i++];
            if (!tagChecked) {
                if (headerLength == header.length) {
                    tagChecked = true;
                    skipId3v2OrParse();
                }
            } else if (headerLength == 4) {
                parseFrame();
            }
        }
    }

    /** Seconds of audio in the frames counted, or null if none was seen. */
    Double seconds() {
        return sampleRate == 0 ? null : samples / (double) sampleRate;
    }

    private void skipId3v2OrParse() {
        if (header[0] == 'I' && header[1] == 'D' && header[2] == '3') {
            toSkip = (header[6] & 0x7F) << 21 | (header[7] & 0x7F) << 14 | (header[8] & 0x7F) << 7 | (header[9] & 0x7F)
                    + ((header[5] & 0x10) != 0 ? 10 : 0); // a footer doubles the header
            headerLength = 0;
            return;
        }
        // neither a tag nor a Layer III frame first: no MP3 (a WAV, an ADTS AAC), and no byte of it needs a look
        notMp3 = (header[0] & 0xFF) != 0xFF || (header[1] & 0xE0) != 0xE0 || ((header[1] >> 1) & 3) != 1;
        byte[] first = header.clone();
        headerLength = 0;
        update(first);
    }

    private void parseFrame() {
        int b1 = header[1] & 0xFF;
        int b2 = header[2] & 0xFF;
        int version = (b1 >> 3) & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if ((header[0] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || version == 1 || ((b1 >> 1) & 3) != 1
                || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            System.arraycopy(header, 1, header, 0, 3); // not a frame: look one byte further
            headerLength = 3;
            return;
        }
        boolean mpeg1 = version == 3;
        int rate = MPEG1_RATES[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        int kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
        sampleRate = rate;
        samples += mpeg1 ? 1152 : 576;
        toSkip = (mpeg1 ? 144_000 : 72_000) * kbps / rate + ((b2 >> 1) & 1) - 4;
        headerLength = 0;
    }
}
