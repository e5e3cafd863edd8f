package io.cameltogether.audio.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The emulator's voice activity detection. A 20 ms frame is voiced when its speech score reaches the session's
 * threshold; the score maps the frame's level from -60 dBFS (0) to -20 dBFS (1), so the API's default threshold of
 * 0.3 hears ordinary speech down to about -48 dBFS, as a speech-probability VAD does, and nothing in digital
 * silence or a quiet room. Speech counts towards {@code min_speech_duration_ms} across the short pauses between
 * words; a turn ends after {@code min_silence_duration_ms} of quiet (padded by {@code speech_pad_ms}) or at
 * {@code max_speech_duration_s}. With detection off, audio only becomes a turn on commit.
 */
final class EnergyVad {

    /** Sample positions are relative to the connection's first audio. */
    record Turn(long startSample, long endSample, long seed, double speechSeconds) {
    }

    static final class Settings {
        boolean enabled = true;
        double threshold = 0.3;
        int minSilenceMs = 500;
        int minSpeechMs = 250;
        double maxSpeechS = 5.0;
        int speechPadMs = 250;
    }

    private static final double SILENT_DBFS = -60;
    private static final double LOUD_DBFS = -20;
    /** A sample this loud (about -30 dBFS) marks where a turn's speech begins, for its seed. */
    private static final int ONSET_AMPLITUDE = 1000;

    private final int sampleRate;
    private final int frameSamples;
    private final Settings settings;
    private final short[] frame;
    private int framed;
    private long position;
    private long commitStart;
    private boolean inTurn;
    private long candidateStart = -1;
    private long voicedMs;
    private long silenceMs;
    private long turnStart;
    private long lastVoicedEnd;
    /** The last half second of samples, from which a starting turn takes its seed. */
    private final short[] recent;
    private long turnSeed;
    /** Where the turn's speech begins and last was loud, in samples: its length does not depend on frame edges. */
    private long onsetSample;
    private long lastLoudSample;

    EnergyVad(int sampleRate, Settings settings) {
        this.sampleRate = sampleRate;
        this.frameSamples = sampleRate / 50;
        this.settings = settings;
        this.frame = new short[frameSamples];
        this.recent = new short[sampleRate / 2];
    }

    /** Feeds little-endian 16-bit PCM; returns the turns it completed. */
    List<Turn> feed(byte[] pcm) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            short sample = (short) ((pcm[i] & 0xFF) | pcm[i + 1] << 8);
            if (Math.abs(sample) >= ONSET_AMPLITUDE) {
                lastLoudSample = position + framed;
            }
            recent[(int) ((position + framed) % recent.length)] = sample;
            frame[framed++] = sample;
            if (framed == frameSamples) {
                framed = 0;
                position += frameSamples;
                if (settings.enabled) {
                    frame(turns);
                }
            }
        }
        return turns;
    }

    private void frame(List<Turn> turns) {
        long frameStart = position - frameSamples;
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        boolean voiced = speechScore(Math.sqrt(sum / frameSamples)) >= settings.threshold;
        if (voiced) {
            silenceMs = 0;
            lastVoicedEnd = position;
            if (!inTurn) {
                if (candidateStart < 0) {
                    candidateStart = frameStart;
                }
                voicedMs += 20;
                if (voicedMs >= settings.minSpeechMs) {
                    inTurn = true;
                    turnStart = Math.max(commitStart, candidateStart - samples(settings.speechPadMs));
                    turnSeed = onsetSeed(); // fixed now, so partial transcripts grow into the final one
                }
            }
        } else if (inTurn) {
            silenceMs += 20;
            if (silenceMs >= settings.minSilenceMs) {
                turns.add(endTurn(Math.min(position, lastVoicedEnd + samples(settings.speechPadMs))));
            }
        } else if (candidateStart >= 0 && (silenceMs += 20) >= settings.minSilenceMs) {
            candidateStart = -1; // a pause between words keeps the candidate; a real silence drops it
            voicedMs = 0;
            silenceMs = 0;
        }
        if (inTurn && position - turnStart >= settings.maxSpeechS * sampleRate) {
            turns.add(endTurn(position));
        }
    }

    /**
     * A checksum of 200 ms of samples from the first loud one near the turn's start. It depends on the audio only,
     * not on where the connection's 20 ms frames happen to fall, so the same speech replayed on a new connection
     * (from another offset) gets the same words, as a real model would hear the same words.
     */
    private long onsetSeed() {
        long from = Math.max(Math.max(0, candidateStart - frameSamples), position - recent.length);
        long onset = from;
        while (onset < position && Math.abs(recent[(int) (onset % recent.length)]) < ONSET_AMPLITUDE) {
            onset++;
        }
        onsetSample = onset;
        CRC32C seed = new CRC32C();
        for (long i = onset; i < Math.min(position, onset + sampleRate / 5); i++) {
            seed.update(recent[(int) (i % recent.length)]);
        }
        return seed.getValue();
    }

    /** The frame's level as a speech score: 0 at -60 dBFS and below, 1 at -20 dBFS and above. */
    static double speechScore(double rms) {
        double dbfs = 20 * Math.log10(Math.max(rms, 1e-9) / 32768);
        return Math.max(0, Math.min(1, (dbfs - SILENT_DBFS) / (LOUD_DBFS - SILENT_DBFS)));
    }

    /**
     * Ends speech in progress (VAD on) or everything since the last commit (VAD off); null if there is none. The
     * samples of a frame not yet complete are committed with the rest: a commit takes all the audio appended.
     */
    Turn commit() {
        position += framed;
        framed = 0;
        Turn turn = null;
        if (settings.enabled && inTurn) {
            turn = endTurn(position);
        } else if (!settings.enabled && position > commitStart) {
            turn = new Turn(commitStart, position, position ^ commitStart, seconds(position - commitStart));
        }
        candidateStart = -1; // speech not yet a turn is committed away, as clear() drops it
        voicedMs = 0;
        silenceMs = 0;
        commitStart = position;
        return turn;
    }

    void clear() {
        inTurn = false;
        candidateStart = -1;
        voicedMs = 0;
        silenceMs = 0;
        commitStart = position;
    }

    /** From the onset of the speech in progress to its last loud sample, in seconds; 0 when none. */
    double speechSpanSoFar() {
        return inTurn ? (double) Math.max(0, lastLoudSample - onsetSample) / sampleRate : 0;
    }

    /** How long the speech in progress has lasted, in seconds; 0 when none. */
    double speechSoFar() {
        return inTurn ? (double) (position - turnStart) / sampleRate : 0;
    }

    /**
     * The first sample whose transcript is not settled: the start of the turn in progress, or of speech that may
     * still become one, or (detection off) the last commit; else everything fed so far. What lies before it has had
     * its final transcript or holds no speech: the {@code processed_ms} watermark.
     */
    long settledSample() {
        if (!settings.enabled) {
            return commitStart;
        }
        if (inTurn) {
            return turnStart;
        }
        return candidateStart >= 0 ? Math.max(commitStart, candidateStart - samples(settings.speechPadMs)) : position;
    }

    /** Seeds the emulated words of the turn in progress: the same audio gives the same words. */
    long turnSeed() {
        return turnSeed;
    }

    double seconds(long samples) {
        return (double) samples / sampleRate;
    }

    private Turn endTurn(long end) {
        Turn turn = new Turn(turnStart, end, turnSeed, speechSpanSoFar());
        inTurn = false;
        candidateStart = -1;
        voicedMs = 0;
        silenceMs = 0;
        commitStart = end;
        return turn;
    }

    private long samples(int millis) {
        return (long) millis * sampleRate / 1000;
    }
}
