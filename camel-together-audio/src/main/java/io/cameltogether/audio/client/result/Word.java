package io.cameltogether.audio.client.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One word with its timing; {@code speakerId} (SPEAKER_00, ...) only when diarized. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Word(Integer id, String word, double start, double end, String speakerId) {

    public Word {
        word = word == null ? "" : word;
    }
}
