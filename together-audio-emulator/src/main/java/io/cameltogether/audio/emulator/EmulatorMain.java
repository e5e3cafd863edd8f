package io.cameltogether.audio.emulator;

import java.util.concurrent.CountDownLatch;

/** Runs the emulator until interrupted: {@code java -jar together-audio-emulator.jar [port]}. */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TogetherAudioEmulator emulator = new TogetherAudioEmulator().start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("Together audio API emulator listening at " + emulator.baseUrl()
                + " (API key: " + emulator.apiKey() + "). Transcripts are emulated, not real. Ctrl-C stops it.");
        stopped.await();
    }
}
