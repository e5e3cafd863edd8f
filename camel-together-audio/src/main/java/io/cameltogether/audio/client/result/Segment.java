package io.cameltogether.audio.client.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A stretch of transcript with its start and end in seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Segment(Integer id, double start, double end, String text) {

    public Segment {
        text = text == null ? "" : text;
    }
}
