package io.cameltogether.audio.client.split;

/**
 * The header and side information at the start of an MPEG-1/2/2.5 Layer III frame, as far as splitting needs them:
 * the frame's length, where its own data slot begins and how far back its audio data begins (the bit reservoir).
 *
 * @param dataStart     the bytes of header, CRC and side information: the frame's data slot follows
 * @param mainDataBegin how many bytes before this frame's header, counted in the data slots of the frames before
 *                      it, its audio data begins; 0 when it begins in the frame itself
 * @param gain          the largest global gain of the frame's granules and channels (0 for one with no audio data):
 *                      the scale its decoded samples are multiplied by, 1.5 dB a step, so low in a pause and high in
 *                      speech, whatever bits the encoder spent (a constant-bitrate encoder spends as many on a noise
 *                      floor as on words)
 */
record Mp3Header(boolean mpeg1, boolean mono, int bitrateIndex, int sampleRate, int length, int dataStart,
                 int mainDataBegin) {

    /** The bytes that hold a header and the longest side information, with a CRC. */
    static final int MAX_HEAD_BYTES = 4 + 2 + 32;
    /** The longest frame without padding: 320 kbit/s at 32 kHz, or 160 kbit/s at 8 kHz. */
    static final int MAX_FRAME_BYTES = 1440;

    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /**
     * The header at {@code at}, reading no byte at or past {@code end} (the side information counts as zeros there),
     * or null if the bytes are no Layer III header.
     */
    static Mp3Header read(byte[] bytes, int at, int end) {
        if (end - at < 4) {
            return null;
        }
        int b1 = bytes[at + 1] & 0xFF;
        int b2 = bytes[at + 2] & 0xFF;
        int version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if ((bytes[at] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || version == 1 || ((b1 >> 1) & 3) != 1
                || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        boolean mono = (bytes[at + 3] & 0xC0) == 0xC0;
        int sampleRate = MPEG1_RATES[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        int length = length(mpeg1, bitrateIndex, sampleRate) + ((b2 >> 1) & 1);
        int sideInfo = at + 4 + ((b1 & 1) == 0 ? 2 : 0); // a CRC follows the header when the protection bit is 0
        int first = sideInfo < end ? bytes[sideInfo] & 0xFF : 0;
        int second = sideInfo + 1 < end ? bytes[sideInfo + 1] & 0xFF : 0;
        int mainDataBegin = mpeg1 ? first << 1 | second >> 7 : first; // 9 bits, or 8
        int dataStart = sideInfo - at + sideInfoBytes(mpeg1, mono);
        return new Mp3Header(mpeg1, mono, bitrateIndex, sampleRate, length, dataStart, mainDataBegin);
    }

    /** Samples (per channel) a frame decodes to. */
    int samples() {
        return mpeg1 ? 1152 : 576;
    }

    /** The length of a frame like this one at another bitrate, without padding. */
    int lengthAt(int otherBitrateIndex) {
        return length(mpeg1, otherBitrateIndex, sampleRate);
    }

    /** The data slot of a frame like this one at another bitrate, without padding or CRC. */
    int slotAt(int otherBitrateIndex) {
        return lengthAt(otherBitrateIndex) - 4 - sideInfoBytes(mpeg1, mono);
    }

    private static int length(boolean mpeg1, int bitrateIndex, int sampleRate) {
        int kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
        return (mpeg1 ? 144_000 : 72_000) * kbps / sampleRate;
    }

    private static int sideInfoBytes(boolean mpeg1, boolean mono) {
        return mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    }
}
