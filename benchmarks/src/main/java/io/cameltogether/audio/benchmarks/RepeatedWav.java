package io.cameltogether.audio.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** A short WAV repeated into a long one, in its own format, streamed to disk by the JDK's WAV writer. */
final class RepeatedWav {

    private RepeatedWav() {
    }

    static Path write(Path source, Path target, double hours) throws Exception {
        AudioFormat format;
        byte[] frames;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(
                Files.newInputStream(source)))) {
            format = in.getFormat();
            frames = in.readAllBytes();
        }
        long total = (long) (hours * 3600 * format.getFrameRate());
        // enough copies to fill the hours: a SequenceInputStream closes every element left, so it must end
        long copies = total * format.getFrameSize() / frames.length + 1;
        InputStream repeated = new SequenceInputStream(Collections.enumeration(
                Collections.nCopies((int) copies, frames).stream().map(ByteArrayInputStream::new).toList()));
        try (AudioInputStream audio = new AudioInputStream(repeated, format, total)) {
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, target.toFile());
        }
        return target;
    }
}
