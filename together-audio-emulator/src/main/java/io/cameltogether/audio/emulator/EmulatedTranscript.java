package io.cameltogether.audio.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's stand-in for speech recognition: deterministic words beginning with "(emulated)" so no one
 * mistakes them for a real transcript. In a WAV whose samples it reads, words are placed where the speech is
 * ({@link #spoken}); in other audio the same bytes always give the same text, spread over the real
 * duration at a speaking pace in sentences of eight words, a segment each. With diarization, speakers take turns by
 * segment.
 */
final class EmulatedTranscript {

    static final String LABEL = "(emulated)";
    private static final double WORDS_PER_SECOND = 2.5;
    private static final int WORDS_PER_SENTENCE = 8;
    private static final String[] VOCABULARY = ("alpha bravo charlie delta echo foxtrot golf hotel india juliett "
            + "kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu "
            + "call meeting order account number support thank you please today tomorrow morning invoice delivery")
            .split(" ");

    private record TimedWord(String text, double start, double end, int sentence) {
    }

    private final List<TimedWord> words = new ArrayList<>();
    private final double duration;

    /** What a recognizer writes on audio without speech, as Whisper does: words it did not hear. */
    private static final String[] ON_SILENCE = {LABEL, "thank", "you."};

    private EmulatedTranscript(List<TimedWord> words, double durationSeconds) {
        this.duration = durationSeconds;
        this.words.addAll(words);
    }

    /**
     * A transcript of the speech where it was heard: each turn worded from its own sound (as the realtime sessions
     * word it, so the same speech reads the same in any recording), its words spread over the turn, a segment per
     * sentence of eight words, a turn always starting one. Audio without speech gets the words Whisper invents on
     * silence.
     */
    static EmulatedTranscript spoken(List<EnergyVad.Turn> turns, int sampleRate, double durationSeconds) {
        List<TimedWord> words = new ArrayList<>();
        if (turns.isEmpty()) {
            double slot = durationSeconds / ON_SILENCE.length;
            for (int i = 0; i < ON_SILENCE.length; i++) {
                words.add(new TimedWord(ON_SILENCE[i], round(i * slot), round((i + 0.8) * slot), 0));
            }
        }
        int sentences = 0;
        for (EnergyVad.Turn turn : turns) {
            double start = turn.startSample() / (double) sampleRate;
            double length = (turn.endSample() - turn.startSample()) / (double) sampleRate;
            double speech = Math.max(0.1, turn.speechSeconds());
            double scale = length > 0 ? length / speech : 1;
            for (TimedWord w : new EmulatedTranscript(turn.seed(), speech).words) {
                words.add(new TimedWord(w.text(), round(start + w.start() * scale), round(start + w.end() * scale),
                        sentences + w.sentence()));
            }
            sentences = words.get(words.size() - 1).sentence() + 1; // a turn starts a segment
        }
        return new EmulatedTranscript(words, durationSeconds);
    }

    EmulatedTranscript(long seed, double durationSeconds) {
        this.duration = durationSeconds;
        Random random = new Random(seed);
        int count = Math.max(1, (int) Math.round(durationSeconds * WORDS_PER_SECOND));
        double slot = durationSeconds / count;
        for (int i = 0; i < count; i++) {
            String text = i == 0 ? LABEL : VOCABULARY[random.nextInt(VOCABULARY.length)];
            if (i % WORDS_PER_SENTENCE == WORDS_PER_SENTENCE - 1 || i == count - 1) {
                text += ".";
            }
            words.add(new TimedWord(text, round(i * slot), round(i * slot + slot * 0.8), i / WORDS_PER_SENTENCE));
        }
    }

    String text() {
        return String.join(" ", words.stream().map(TimedWord::text).toList());
    }

    /** The {@code verbose_json} body, with words and speaker segments as requested. */
    ObjectNode verbose(String task, String language, boolean wordTimestamps, int speakers) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("task", task).put("language", language).put("duration", round(duration)).put("text", text());
        ArrayNode segments = root.putArray("segments");
        int sentences = words.get(words.size() - 1).sentence() + 1;
        for (int s = 0; s < sentences; s++) {
            List<TimedWord> sentence = sentence(s);
            segments.addObject().put("id", s).put("start", sentence.get(0).start())
                    .put("end", sentence.get(sentence.size() - 1).end()).put("text", join(sentence))
                    .put("avg_logprob", -0.2); // an extra field, as the real API sends: clients must ignore it
        }
        if (wordTimestamps || speakers > 0) {
            ArrayNode wordArray = root.putArray("words");
            for (int i = 0; i < words.size(); i++) {
                wordArray.add(word(i, speakers));
            }
        }
        if (speakers > 0) {
            ArrayNode turns = root.putArray("speaker_segments");
            for (int s = 0; s < sentences; s++) {
                List<TimedWord> sentence = sentence(s);
                ObjectNode turn = turns.addObject().put("id", s).put("speaker_id", speaker(s, speakers))
                        .put("start", sentence.get(0).start()).put("end", sentence.get(sentence.size() - 1).end())
                        .put("text", join(sentence));
                ArrayNode turnWords = turn.putArray("words");
                for (int i = 0; i < words.size(); i++) {
                    if (words.get(i).sentence() == s) {
                        turnWords.add(word(i, speakers));
                    }
                }
            }
        }
        return root;
    }

    private ObjectNode word(int index, int speakers) {
        TimedWord w = words.get(index);
        ObjectNode node = Json.MAPPER.createObjectNode().put("word", w.text()).put("start", w.start()).put("end", w.end());
        if (speakers > 0) {
            node.put("id", index).put("speaker_id", speaker(w.sentence(), speakers));
        }
        return node;
    }

    private List<TimedWord> sentence(int s) {
        return words.stream().filter(w -> w.sentence() == s).toList();
    }

    private static String join(List<TimedWord> sentence) {
        return String.join(" ", sentence.stream().map(TimedWord::text).toList());
    }

    private static String speaker(int sentence, int speakers) {
        return String.format(Locale.ROOT, "SPEAKER_%02d", sentence % speakers);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
