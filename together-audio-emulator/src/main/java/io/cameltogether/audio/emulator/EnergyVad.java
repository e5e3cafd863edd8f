package io.cameltogether.audio.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The emulator's voice activity detection: 20 ms frames are voiced when their RMS level, scaled so that 1.0 is a
 * loud voice, reaches the session's threshold. A turn starts after {@code min_speech_duration_ms} of voice, ends
 * after {@code min_silence_duration_ms} of quiet (padded by {@code speech_pad_ms}) or at
 * {@code max_speech_duration_s}. With detection off, audio only becomes a turn on commit.
 */
final class EnergyVad {

    /** Sample positions are relative to the connection's first audio. */
    record Turn(long startSample, long endSample, long seed) {
    }

    static final class Settings {
        boolean enabled = true;
        double threshold = 0.3;
        int minSilenceMs = 500;
        int minSpeechMs = 250;
        double maxSpeechS = 5.0;
        int speechPadMs = 250;
    }

    private static final double FULL_VOICE_RMS = 3276.8; // 10% of full scale reads as 1.0

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
    private final CRC32C turnAudio = new CRC32C();
    private long turnSeed;

    EnergyVad(int sampleRate, Settings settings) {
        this.sampleRate = sampleRate;
        this.frameSamples = sampleRate / 50;
        this.settings = settings;
        this.frame = new short[frameSamples];
    }

    /** Feeds little-endian 16-bit PCM; returns the turns it completed. */
    List<Turn> feed(byte[] pcm) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            frame[framed++] = (short) ((pcm[i] & 0xFF) | pcm[i + 1] << 8);
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
            turnAudio.update(s);
        }
        boolean voiced = Math.sqrt(sum / frameSamples) / FULL_VOICE_RMS >= settings.threshold;
        if (voiced) {
            silenceMs = 0;
            lastVoicedEnd = position;
            if (!inTurn) {
                if (candidateStart < 0) {
                    candidateStart = frameStart;
                    turnAudio.reset();
                }
                voicedMs += 20;
                if (voicedMs >= settings.minSpeechMs) {
                    inTurn = true;
                    turnStart = Math.max(commitStart, candidateStart - samples(settings.speechPadMs));
                    turnSeed = turnAudio.getValue(); // fixed now, so partial transcripts grow into the final one
                }
            }
        } else if (inTurn) {
            silenceMs += 20;
            if (silenceMs >= settings.minSilenceMs) {
                turns.add(endTurn(Math.min(position, lastVoicedEnd + samples(settings.speechPadMs))));
            }
        } else {
            candidateStart = -1;
            voicedMs = 0;
        }
        if (inTurn && position - turnStart >= settings.maxSpeechS * sampleRate) {
            turns.add(endTurn(position));
        }
    }

    /** Ends speech in progress (VAD on) or everything since the last commit (VAD off); null if there is none. */
    Turn commit() {
        Turn turn = null;
        if (settings.enabled && inTurn) {
            turn = endTurn(position);
        } else if (!settings.enabled && position > commitStart) {
            turn = new Turn(commitStart, position, position ^ commitStart);
        }
        commitStart = position;
        return turn;
    }

    void clear() {
        inTurn = false;
        candidateStart = -1;
        voicedMs = 0;
        commitStart = position;
    }

    /** How long the speech in progress has lasted, in seconds; 0 when none. */
    double speechSoFar() {
        return inTurn ? (double) (position - turnStart) / sampleRate : 0;
    }

    /** Seeds the emulated words of the turn in progress: the same audio gives the same words. */
    long turnSeed() {
        return turnSeed;
    }

    double seconds(long samples) {
        return (double) samples / sampleRate;
    }

    private Turn endTurn(long end) {
        Turn turn = new Turn(turnStart, end, turnSeed);
        inTurn = false;
        candidateStart = -1;
        voicedMs = 0;
        silenceMs = 0;
        commitStart = end;
        turnAudio.reset();
        return turn;
    }

    private long samples(int millis) {
        return (long) millis * sampleRate / 1000;
    }
}
