package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * What a decoder (JLayer) makes of an MP3: its samples, the channels mixed to one, a frame's worth for every frame
 * it decodes, nothing skipped for the encoder's delay (a decoder only can when a LAME tag says it, and parts carry
 * none).
 */
record DecodedMp3(short[] samples, int sampleRate) {

    static DecodedMp3 of(InputStream mp3) throws IOException {
        short[] out = new short[1 << 16];
        int length = 0;
        int sampleRate = 0;
        try (InputStream in = new BufferedInputStream(mp3)) {
            Bitstream frames = new Bitstream(in);
            Decoder decoder = new Decoder();
            for (Header header = frames.readFrame(); header != null; header = frames.readFrame()) {
                SampleBuffer decoded = (SampleBuffer) decoder.decodeFrame(header, frames);
                int channels = decoded.getChannelCount();
                int samples = decoded.getBufferLength() / channels;
                if (length + samples > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, length + samples));
                }
                short[] buffer = decoded.getBuffer();
                for (int i = 0; i < samples; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += buffer[i * channels + c];
                    }
                    out[length + i] = (short) (sum / channels);
                }
                length += samples;
                sampleRate = decoded.getSampleFrequency();
                frames.closeFrame();
            }
        } catch (BitstreamException | DecoderException e) {
            throw new IOException("JLayer cannot decode the MP3", e);
        }
        return new DecodedMp3(Arrays.copyOf(out, length), sampleRate);
    }

    /** The sample at a time, on this sound's clock. */
    int at(double seconds) {
        return (int) Math.round(seconds * sampleRate);
    }
}
