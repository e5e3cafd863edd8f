package io.cameltogether.audio.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulator as a JUnit 5 extension, in one line:
 * {@code @RegisterExtension static TogetherAudioEmulatorExtension emulator = new TogetherAudioEmulatorExtension();}
 * It starts before the class's tests, is reset (recordings, faults, limits) before each test, and stops after them.
 */
public class TogetherAudioEmulatorExtension extends TogetherAudioEmulator
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
