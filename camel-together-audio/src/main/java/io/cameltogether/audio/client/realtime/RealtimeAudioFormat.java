package io.cameltogether.audio.client.realtime;

import java.util.Locale;

/** The PCM formats the realtime API takes: 16-bit little-endian mono at 16, 8 or 24 kHz. */
public enum RealtimeAudioFormat {
    PCM_S16LE_16000(16_000),
    PCM_S16LE_8000(8_000),
    PCM_S16LE_24000(24_000);

    private final int sampleRate;

    RealtimeAudioFormat(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerSecond() {
        return sampleRate * 2;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
