package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

import io.cameltogether.audio.client.request.AudioSource;

/**
 * How loud the frames of an MP3 are where a cut is sought, from their decoded sound (JLayer): what is said of a
 * frame without decoding it does not tell a pause from a word. The bits a frame spends follow complexity, and a
 * constant-bitrate encoder spends as many on a noise floor as on speech; its global gain follows loudness at low
 * bitrates, but at 96 kbit/s stereo the encoder moves it as much in a pause as in a word. Only the window before
 * each limit is decoded, 20 s or less a part, one frame at a time.
 */
final class Mp3Loudness implements FramedCuts.Loudness {

    private final AudioSource audio;

    Mp3Loudness(AudioSource audio) {
        this.audio = audio;
    }

    /**
     * The mean square of each frame's decoded samples, in decibels; null when the decoder cannot read the window
     * (bytes it takes for no frame, or a change of MPEG version, rate or channels between files put end to end): the
     * cut then goes at the limit.
     */
    @Override
    public double[] of(List<FrameWindow.Entry> window) throws IOException {
        FrameWindow.Entry first = window.get(0);
        long end = Math.min(audio.length(), window.get(window.size() - 1).offset() + Mp3Header.MAX_FRAME_BYTES + 1);
        // a window whose first frame takes data from before it starts with the frame that carries that data
        byte[] leadIn = first.clean() ? new byte[0] : Mp3LeadIn.frame(audio, first.leadIn(), first.offset());
        double[] level = new double[window.size()];
        try (InputStream frames = new BufferedInputStream(new SequenceInputStream(new ByteArrayInputStream(leadIn),
                ByteRange.of(audio.open(), first.offset(), end)))) {
            Bitstream bitstream = new Bitstream(frames);
            Decoder decoder = new Decoder();
            for (int frame = leadIn.length == 0 ? 0 : -1; frame < level.length; frame++) {
                Header header = bitstream.readFrame();
                if (header == null) {
                    return null;
                }
                SampleBuffer samples = (SampleBuffer) decoder.decodeFrame(header, bitstream);
                bitstream.closeFrame();
                if (frame >= 0) {
                    level[frame] = decibels(samples.getBuffer(), samples.getBufferLength());
                }
            }
        } catch (BitstreamException | DecoderException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null; // JLayer reports bytes it cannot decode as its own exceptions, or by indexing past its tables
        }
        return level;
    }

    private static double decibels(short[] samples, int count) {
        double energy = 0;
        for (int i = 0; i < count; i++) {
            energy += (double) samples[i] * samples[i];
        }
        return 10 * Math.log10(1 + energy / Math.max(1, count));
    }
}
