package io.cameltogether.audio.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where the speech is in an uploaded WAV as its bytes stream past, as a recognizer would hear it: integer
 * PCM (8 to 32 bits) or G.711 mu-law/A-law, its channels mixed into one as the API mixes them, through the energy
 * voice detector the realtime sessions use. Float and other encodings, or a header that cannot be read, leave it
 * without an answer ({@link #turns()} is null), and the emulator spreads its words over the whole duration.
 */
final class WavSpeech {

    private static final int MAX_HEADER = UploadInspector.KEEP;
    private static final int PCM = 1;
    private static final int A_LAW = 6;
    private static final int MU_LAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;

    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final List<EnergyVad.Turn> turns = new ArrayList<>();
    private boolean unreadable;
    private EnergyVad vad;
    private int encoding;
    private int channels;
    private int sampleBytes;
    private int sampleRate;
    private long dataLeft;
    private byte[] partialFrame = new byte[0];

    void update(byte[] bytes) {
        if (unreadable) {
            return;
        }
        if (vad == null) {
            header.writeBytes(bytes);
            if (!readHeader()) {
                unreadable |= header.size() > MAX_HEADER;
            } else {
                header.reset(); // fed: no longer needed
            }
            return;
        }
        feed(bytes, 0, bytes.length);
    }

    /** Where the speech is, in samples at {@link #sampleRate()}; null when the audio could not be read. */
    List<EnergyVad.Turn> turns() {
        if (unreadable || vad == null) {
            return null;
        }
        EnergyVad.Turn last = vad.commit();
        if (last != null) {
            turns.add(last);
        }
        return turns;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Parses the RIFF chunks up to the data chunk; true once the samples begin (those already seen are fed). */
    private boolean readHeader() {
        ByteBuffer riff = ByteBuffer.wrap(header.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        if (riff.remaining() < 12 || riff.getInt(0) != 0x46464952 || riff.getInt(8) != 0x45564157) { // RIFF, WAVE
            unreadable = riff.remaining() >= 12;
            return false;
        }
        int at = 12;
        while (at + 8 <= riff.limit()) {
            int id = riff.getInt(at);
            long size = riff.getInt(at + 4) & 0xFFFFFFFFL;
            if (id == 0x20746d66 && at + 8 + 16 <= riff.limit()) { // "fmt "
                int tag = riff.getShort(at + 8) & 0xFFFF;
                encoding = tag == EXTENSIBLE && size >= 26 && at + 8 + 26 <= riff.limit()
                        ? riff.getShort(at + 8 + 24) & 0xFFFF : tag;
                channels = riff.getShort(at + 10) & 0xFFFF;
                sampleRate = riff.getInt(at + 12);
                int blockAlign = riff.getShort(at + 20) & 0xFFFF;
                sampleBytes = channels > 0 ? blockAlign / channels : 0; // the container, not the valid bits
            } else if (id == 0x61746164) { // "data"
                return start(riff, at + 8, size);
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        return false;
    }

    private boolean start(ByteBuffer riff, int dataAt, long size) {
        boolean readable = (encoding == PCM && sampleBytes >= 1 && sampleBytes <= 4
                || (encoding == MU_LAW || encoding == A_LAW) && sampleBytes == 1)
                && channels >= 1 && sampleRate >= 1000 && sampleRate <= 384_000;
        if (!readable) {
            unreadable = true;
            return false;
        }
        EnergyVad.Settings settings = new EnergyVad.Settings();
        settings.maxSpeechS = 30; // a recognizer's window, not a live turn's bound
        vad = new EnergyVad(sampleRate, settings);
        dataLeft = size == 0 ? Long.MAX_VALUE : size; // 0, as streaming writers leave it: to the end
        feed(riff.array(), dataAt, riff.limit() - dataAt);
        return true;
    }

    private void feed(byte[] bytes, int from, int length) {
        int usable = (int) Math.min(length, dataLeft);
        dataLeft -= usable;
        byte[] data = new byte[partialFrame.length + usable];
        System.arraycopy(partialFrame, 0, data, 0, partialFrame.length);
        System.arraycopy(bytes, from, data, partialFrame.length, usable);
        int frameBytes = channels * sampleBytes;
        int frames = data.length / frameBytes;
        ByteBuffer mono = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(data, f * frameBytes + c * sampleBytes);
            }
            mono.putShort((short) (sum / channels));
        }
        partialFrame = Arrays.copyOfRange(data, frames * frameBytes, data.length);
        turns.addAll(vad.feed(mono.array()));
    }

    /** The sample at this offset as 16-bit linear PCM. */
    private int sample(byte[] data, int at) {
        return switch (encoding) {
            case MU_LAW -> muLaw(data[at]);
            case A_LAW -> aLaw(data[at]);
            default -> sampleBytes == 1 ? ((data[at] & 0xFF) - 128) << 8 : data[at + sampleBytes - 1] << 8
                    | data[at + sampleBytes - 2] & 0xFF;
        };
    }

    /** G.711 mu-law to linear (ITU-T G.711). */
    private static int muLaw(byte coded) {
        int u = ~coded & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }

    /** G.711 A-law to linear (ITU-T G.711). */
    private static int aLaw(byte coded) {
        int a = coded ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        magnitude = segment == 0 ? magnitude + 8
                : segment == 1 ? magnitude + 0x108 : (magnitude + 0x108) << (segment - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
