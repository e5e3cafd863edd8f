package io.cameltogether.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RecordedRequest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The folder job as integration teams run it: a file route with move/moveFailed and {@code threads(32)}, a few
 * hundred recordings, and the emulator faulting 15 % of the calls in every way the API and networks fail. Every
 * recording must end in exactly one of .done/ (with exactly one transcript) or .failed/, and none may be transcribed
 * more often than the faults justify.
 */
class FileRouteUnderFaultsTest extends EmulatorTestSupport {

    private static final int FILES = 300;
    /**
     * With move/moveFailed alone (and Camel's default readLock=none), a poll can list a file that an exchange still in
     * flight then moves, and start a second exchange for it; that one fails ("does not exist"), and its moveFailed
     * first deletes the .failed copy the first exchange made: the recording is lost. readLock=changed checks that the
     * file still exists before an exchange starts; readLockMinAge lets files older than that pass at once.
     */
    private static final String SAFE_FOLDER_OPTIONS
            = "move=.done&moveFailed=.failed&readLock=changed&readLockMinAge=100&readLockCheckInterval=50";

    private final Path folder = Path.of("target/file-route-faults/" + System.nanoTime());
    private final Path inbox = folder.resolve("in");
    private final Map<String, AtomicInteger> transcriptsWritten = new ConcurrentHashMap<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the options the docs recommend; polls every millisecond, 40 files each, while earlier files are
                // still in flight, so a stale directory listing would show up as a lost or doubled recording
                from("file:" + inbox + "?" + SAFE_FOLDER_OPTIONS + "&delay=1&maxMessagesPerPoll=40")
                        .threads(32, 32)
                        .to("together-audio:transcribe?requestTimeout=1000&maxRetries=3")
                        .process(e -> transcriptsWritten.computeIfAbsent(
                                e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class),
                                name -> new AtomicInteger()).incrementAndGet())
                        .to("file:" + folder.resolve("out") + "?fileName=${file:name.noext}.txt");
            }
        };
    }

    @Override
    protected void doPreSetup() throws Exception {
        Files.createDirectories(inbox);
        for (int i = 0; i < FILES; i++) {
            Files.write(inbox.resolve(String.format("f%05d.wav", i)), TestAudio.numberedWav(i));
        }
        EMULATOR.withRandomFaults(0.15, 42,
                Fault.status(429).withRetryAfterMillis(Duration.ofMillis(50)),
                Fault.status(500),
                Fault.status(503).withRetryAfterMillis(Duration.ofMillis(20)),
                Fault.resetAfterBytes(1000),
                Fault.delay(Duration.ofMillis(1500)),
                Fault.truncatedBody(),
                Fault.status(413));
    }

    @Test
    void everyRecordingEndsInDoneOrFailedAndNoneIsTranscribedTwice() throws IOException {
        await().atMost(Duration.ofMinutes(3)).until(() -> list(inbox).isEmpty()
                && context.getInflightRepository().size() == 0);

        Set<String> done = list(inbox.resolve(".done"));
        Set<String> failed = list(inbox.resolve(".failed"));
        Set<String> both = done.stream().filter(failed::contains).collect(Collectors.toSet());
        assertTrue(both.isEmpty(), "in both .done and .failed: " + both);
        assertEquals(FILES, done.size() + failed.size(), "every recording is in .done or .failed: " + done.size()
                + " done, " + failed.size() + " failed");
        assertTrue(failed.size() < FILES / 10, failed.size() + " failed: only 413s and exhausted retries may fail");
        for (String name : done) {
            AtomicInteger written = transcriptsWritten.get(name);
            assertEquals(1, written == null ? 0 : written.get(), "transcripts of " + name);
            assertTrue(Files.exists(folder.resolve("out").resolve(name.replace(".wav", ".txt"))), name);
        }
        failed.forEach(name -> assertTrue(!transcriptsWritten.containsKey(name), "a transcript for failed " + name));
        assertNoRecordingTranscribedMoreOftenThanItsFaultsJustify();
    }

    /**
     * A recording may be answered 200 more than once only when the client could not take an answer: a delayed one
     * (past requestTimeout, by a fault or by a loaded machine) or a truncated one. Beyond that, a second 200 is a
     * duplicate.
     */
    private void assertNoRecordingTranscribedMoreOftenThanItsFaultsJustify() {
        Map<Long, List<RecordedRequest>> byRecording = EMULATOR.requests().stream()
                .collect(Collectors.groupingBy(RecordedRequest::fileCrc32c));
        Map<Long, Long> duplicates = new HashMap<>();
        byRecording.forEach((crc, requests) -> {
            long unjustified = requests.stream()
                    .filter(r -> r.status() == 200 && r.fault() == null && r.answeredAfterMillis() < 1000).count();
            if (unjustified > 1) {
                duplicates.put(crc, unjustified);
            }
        });
        assertTrue(duplicates.isEmpty(), "recordings transcribed twice: " + duplicates);
    }

    private static Set<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
