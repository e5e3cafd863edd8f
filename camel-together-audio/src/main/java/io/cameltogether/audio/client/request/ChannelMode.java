package io.cameltogether.audio.client.request;

/** How a recording with several channels is transcribed. */
public enum ChannelMode {
    /** As it is: the API mixes its channels into one track. */
    MIXED,
    /** Each channel on its own, merged into one transcript whose turns name their channel. */
    SEPARATE
}
