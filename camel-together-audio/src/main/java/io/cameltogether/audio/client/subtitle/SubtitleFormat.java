package io.cameltogether.audio.client.subtitle;

/** The two subtitle formats, which differ only in header, cue numbering, time separator and speaker markup. */
public enum SubtitleFormat {
    SRT,
    VTT
}
