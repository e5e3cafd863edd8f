package io.cameltogether.audio.client.result;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A turn of one speaker in a diarized transcript, with the words spoken in it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpeakerSegment(Integer id, String speakerId, double start, double end, String text, List<Word> words) {

    public SpeakerSegment {
        text = text == null ? "" : text;
        words = words == null ? List.of() : List.copyOf(words);
    }
}
