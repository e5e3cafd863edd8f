package io.cameltogether.examples.kafkascaleout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link TranscriberInstance} in a JVM of its own, on this JVM's class path: a machine of the deployment that
 * can be stopped (SIGTERM: Camel shuts down gracefully) or killed (SIGKILL: nothing more runs, as when a machine
 * dies). Its output lines that {@code show} accepts are printed with its name in front.
 */
public final class InstanceProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private InstanceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * @param environment added to this process's environment (TOGETHER_BASE_URL for a shared emulator, say)
     */
    public static InstanceProcess start(String name, String bootstrapServers, int consumers, int sessionTimeoutMs,
                                        Map<String, String> environment, PrintStream out, Predicate<String> show)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dkafka.bootstrap=" + bootstrapServers, "-Dinstance=" + name, "-Dconsumers=" + consumers,
                "-DsessionTimeoutMs=" + sessionTimeoutMs,
                "-cp", System.getProperty("java.class.path"), TranscriberInstance.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Thread forwarder = new Thread(() -> forward(process, name, out, show), name + "-output");
        forwarder.setDaemon(true);
        forwarder.start();
        return new InstanceProcess(name, process);
    }

    private static void forward(Process process, String name, PrintStream out, Predicate<String> show) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (show.test(line)) {
                    out.println("[" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // the process is gone; so is its output
        }
    }

    public String name() {
        return name;
    }

    /** Fails if the instance has ended when it should not have (a bad setting, a broker it cannot reach). */
    public void checkRunning() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
                    + "; its output says why");
        }
    }

    /** Ends the JVM at once, mid-request if it is in one: no shutdown hook, no commit, no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Asks the instance to stop as a service manager would, and waits for it to finish what it holds. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
