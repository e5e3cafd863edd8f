package io.cameltogether.audio.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator in a JVM of its own, so the benchmark JVM's threads and heap are the client's alone. It runs at a
 * lower scheduling priority: in production the API runs on other machines, and on two cores an emulator at equal
 * priority would take the client's CPU at the moments being measured.
 */
final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private EmulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static EmulatorProcess start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("nice", "-n", "10",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.cameltogether.audio.emulator.EmulatorMain"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            int at = line.indexOf("http://");
            if (at >= 0) {
                return new EmulatorProcess(process, line.substring(at, line.indexOf(' ', at)));
            }
        }
        throw new IllegalStateException("the emulator did not start");
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
