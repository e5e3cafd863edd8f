package io.cameltogether.audio.client.split;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.result.Word;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptStitcherTest {

    private static final AudioSource AUDIO = AudioSource.bytes(new byte[] {1}, "part.mp3", null);

    /**
     * Two MP3 parts of 16 kHz audio: both run 1,105 samples (69 ms) late, LAME's encoder delay and the decoder's, and
     * the second begins with a 576-sample lead-in frame. A word 69 ms into the first part was said at 0 s; the
     * second's lead-in and delay hold no words, and anything placed there is put where its own sound begins.
     */
    @Test
    void mp3PartsTimesAreMovedBackByTheirLeadInAndDelayAndNeverBeforeTheirSound() {
        double delay = 1105 / 16000.0;
        AudioPart first = new AudioPart(1, 2, 0, 10, AUDIO, -delay, 0);
        AudioPart second = new AudioPart(2, 2, 10, 20, AUDIO, 10 - delay - 576 / 16000.0, 10 - delay);
        TranscriptionResult one = new TranscriptionResult("hello there", "transcribe", "en", 10.0,
                List.of(new Segment(0, 0.0, 9.5, "hello there")),
                List.of(new Word(0, "hello", 0.069, 0.5, "SPEAKER_00"), new Word(1, "there", 5.069, 5.5, null)),
                null, null);
        TranscriptionResult two = new TranscriptionResult("again", "transcribe", "en", 10.036,
                List.of(new Segment(0, 0.0, 2.0, "again")),
                List.of(new Word(0, "again", 1.105, 1.6, "SPEAKER_00")), null, null);

        TranscriptionResult whole = TranscriptStitcher.stitch(List.of(new TranscriptStitcher.PartTranscript(first, one),
                new TranscriptStitcher.PartTranscript(second, two)), 20);

        assertEquals(List.of(new Word(0, "hello", 0.0, 0.431, "P1_SPEAKER_00"), new Word(1, "there", 5.0, 5.431, null),
                new Word(2, "again", 11.0, 11.495, "P2_SPEAKER_00")), whole.words());
        assertEquals(List.of(new Segment(0, 0.0, 9.431, "hello there"), new Segment(1, 9.931, 11.895, "again")),
                whole.segments());
        assertEquals("hello there again", whole.text());
        assertEquals(20.0, whole.duration());
    }
}
