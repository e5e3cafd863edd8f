package io.cameltogether.audio.client.pcm;

import javax.sound.sampled.AudioFormat;

/** What raw audio (not a WAV) handed to a realtime session holds. */
public enum RawAudioEncoding {
    /** PCM in the session's own format, sent as it is. */
    SESSION(null),
    /** G.711 mu-law at 8 kHz, mono: North American and Japanese telephony. */
    G711_ULAW_8000(new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false)),
    /** G.711 A-law at 8 kHz, mono: telephony elsewhere. */
    G711_ALAW_8000(new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false));

    private final AudioFormat format;

    RawAudioEncoding(AudioFormat format) {
        this.format = format;
    }

    /** The audio's format, or null for the session's PCM. */
    public AudioFormat format() {
        return format;
    }
}
