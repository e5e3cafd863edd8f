package io.cameltogether.audio.client.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.result.Word;

/**
 * Merges the transcripts of a recording's channels into one on the recording's clock: every word and turn labelled
 * with its channel's name as the speaker, turns in the order they began, and the text written as "name: words"
 * turns, a line each. A turn is a channel's speech up to a pause of {@value #TURN_PAUSE_SECONDS} s: the other party
 * talking over it (cross-talk) does not cut it, and turns of one channel with no other turn between them are one.
 * The channels share the recording's clock, so no time is moved.
 */
final class ChannelMerger {

    /** A channel's transcript, with the channel's name. */
    record ChannelTranscript(String name, TranscriptionResult result) {
    }

    /** A pause this long ends a party's turn; shorter ones are breaths between its sentences. */
    static final double TURN_PAUSE_SECONDS = 1.0;

    private ChannelMerger() {
    }

    /** @param task the task verbose_json names, also when no channel held sound and none was asked */
    static TranscriptionResult merge(List<ChannelTranscript> channels, String task, double seconds) {
        List<SpeakerSegment> turns = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        for (ChannelTranscript channel : channels) {
            List<Word> channelWords = channel.result().words().stream()
                    .map(w -> new Word(null, w.word(), w.start(), w.end(), channel.name())).toList();
            turns.addAll(turnsOf(channel, channelWords));
            segments.addAll(channel.result().segments());
            words.addAll(channelWords);
        }
        turns.sort(Comparator.comparingDouble(SpeakerSegment::start)); // stable: channel order breaks ties
        segments.sort(Comparator.comparingDouble(Segment::start));
        words.sort(Comparator.comparingDouble(Word::start));
        Map<Word, Word> numberedWords = new IdentityHashMap<>();
        for (Word w : words) {
            numberedWords.put(w, new Word(numberedWords.size(), w.word(), w.start(), w.end(), w.speakerId()));
        }
        List<SpeakerSegment> joined = joinConsecutive(turns);
        String text = joined.stream().map(t -> t.speakerId() + ": " + t.text()).collect(Collectors.joining("\n"));
        String language = channels.stream().map(c -> c.result().language()).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return new TranscriptionResult(text, task, language,
                Math.round(seconds * 1000) / 1000.0, renumberSegments(segments),
                words.stream().map(numberedWords::get).toList(), renumberTurns(joined, numberedWords), null);
    }

    /** The channel's turns, with the words spoken in them; a channel without segments is one turn. */
    private static List<SpeakerSegment> turnsOf(ChannelTranscript channel, List<Word> channelWords) {
        TranscriptionResult result = channel.result();
        List<SpeakerSegment> turns = new ArrayList<>();
        if (result.segments().isEmpty()) {
            if (!result.text().isBlank()) {
                double end = result.duration() == null ? 0 : result.duration();
                turns.add(new SpeakerSegment(null, channel.name(), 0, end, result.text().strip(), channelWords));
            }
            return turns;
        }
        int next = 0;
        for (int i = 0; i < result.segments().size(); i++) {
            Segment segment = result.segments().get(i);
            boolean last = i == result.segments().size() - 1;
            List<Word> spoken = new ArrayList<>();
            while (next < channelWords.size() && (last || channelWords.get(next).start() < segment.end())) {
                spoken.add(channelWords.get(next++));
            }
            if (!segment.text().isBlank()) {
                turns.add(new SpeakerSegment(null, channel.name(), segment.start(), segment.end(),
                        segment.text().strip(), spoken));
            }
        }
        return joinUnpaused(turns);
    }

    /** One channel's segments, in order, joined where less than a turn's pause lies between them. */
    private static List<SpeakerSegment> joinUnpaused(List<SpeakerSegment> segments) {
        List<SpeakerSegment> joined = new ArrayList<>();
        for (SpeakerSegment segment : segments) {
            SpeakerSegment previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (previous != null && segment.start() - previous.end() < TURN_PAUSE_SECONDS) {
                joined.set(joined.size() - 1, join(previous, segment));
            } else {
                joined.add(segment);
            }
        }
        return joined;
    }

    /** All channels' turns in order, joined where one party's turns follow each other with no other between. */
    private static List<SpeakerSegment> joinConsecutive(List<SpeakerSegment> turns) {
        List<SpeakerSegment> joined = new ArrayList<>();
        for (SpeakerSegment turn : turns) {
            SpeakerSegment previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (previous != null && previous.speakerId().equals(turn.speakerId())) {
                joined.set(joined.size() - 1, join(previous, turn));
            } else {
                joined.add(turn);
            }
        }
        return joined;
    }

    private static SpeakerSegment join(SpeakerSegment first, SpeakerSegment then) {
        List<Word> spoken = new ArrayList<>(first.words());
        spoken.addAll(then.words());
        return new SpeakerSegment(null, first.speakerId(), first.start(), Math.max(first.end(), then.end()),
                first.text() + " " + then.text(), spoken);
    }

    private static List<Segment> renumberSegments(List<Segment> segments) {
        List<Segment> numbered = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            numbered.add(new Segment(numbered.size(), s.start(), s.end(), s.text()));
        }
        return numbered;
    }

    /** Ids in order; a turn's words carry the ids they have in the transcript's word list. */
    private static List<SpeakerSegment> renumberTurns(List<SpeakerSegment> turns, Map<Word, Word> numberedWords) {
        List<SpeakerSegment> numbered = new ArrayList<>(turns.size());
        for (SpeakerSegment t : turns) {
            numbered.add(new SpeakerSegment(numbered.size(), t.speakerId(), t.start(), t.end(), t.text(),
                    t.words().stream().map(numberedWords::get).toList()));
        }
        return numbered;
    }
}
