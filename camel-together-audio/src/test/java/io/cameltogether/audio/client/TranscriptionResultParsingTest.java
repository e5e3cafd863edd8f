package io.cameltogether.audio.client;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result is read tolerantly, as API-NOTES asks: unknown fields ignored, task and words optional. */
class TranscriptionResultParsingTest {

    @Test
    void verboseJsonWithoutTaskAndWithUnknownFieldsIsRead() throws Exception {
        TranscriptionResult r = Json.MAPPER.readValue("""
                {"language":"hi","duration":7.25,"text":"Namaste","new_field":{"x":1},
                 "segments":[{"id":0,"start":0.0,"end":7.25,"text":"Namaste","seek":0,"tokens":[1,2]}],
                 "speaker_segments":[{"id":1,"speaker_id":"SPEAKER_01","start":0,"end":7.25,"text":"Namaste",
                   "words":[{"id":0,"word":"Namaste","start":0,"end":1,"speaker_id":"SPEAKER_01"}]}]}
                """, TranscriptionResult.class);

        assertNull(r.task());
        assertEquals("hi", r.language());
        assertEquals(7.25, r.duration());
        assertEquals(1, r.segments().size());
        assertTrue(r.words().isEmpty());
        assertEquals("SPEAKER_01", r.speakerSegments().get(0).words().get(0).speakerId());
        assertTrue(r.isDiarized());
    }

    @Test
    void plainJsonGivesTextAndEmptyLists() throws Exception {
        TranscriptionResult r = Json.MAPPER.readValue("{\"text\":\"Hello\"}", TranscriptionResult.class);

        assertEquals("Hello", r.text());
        assertTrue(r.segments().isEmpty() && r.speakerSegments().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> r.segments().add(null), "immutable");
    }
}
