package io.cameltogether.audio.client.jobs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.ClientSettings;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.emulator.BatchJobFault;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Files and Batches calls as the live API answers them, faults included, with waits on a virtual clock: each
 * wait the client asks for is recorded instead of slept.
 */
class BatchJobsClientTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    Path directory;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private BatchJobsClient client;

    @BeforeEach
    void connect() {
        ClientSettings settings = ClientSettings.builder(URI.create(EMULATOR.baseUrl()), ApiKey.of(EMULATOR.apiKey()))
                .maxRetries(3).retryDelay(Duration.ofMillis(500)).build();
        client = new BatchJobsClient(settings, waits::add);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private BatchJob submit(int recordings) {
        String url = EMULATOR.host(Path.of("src/test/resources/audio/speech.wav"));
        BatchOptions options = new BatchOptions("openai/whisper-large-v3", null, null, null, null, null, null, null,
                null);
        JobInput input;
        try (JobInputWriter writer = new JobInputWriter(directory)) {
            for (int n = 1; n <= recordings; n++) {
                writer.add(new JobRecording("rec-" + n, url, options, "item " + n));
            }
            input = writer.finish();
        }
        return client.create(BatchTask.TRANSCRIBE, client.upload(input, "input.jsonl"), false);
    }

    private BatchJob completed(BatchJob job) {
        await().until(() -> client.get(job.id()).status().isTerminal());
        return client.get(job.id());
    }

    @Test
    void aPollAnsweredTooManyWaitsTheRetryAfterTheServerAsksForThenReadsTheJob() {
        BatchJob job = submit(1);
        EMULATOR.batchJobs().enqueue(BatchJobFault.pollStatus(429));

        assertEquals(job.id(), client.get(job.id()).id());
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void aPollAnsweredNotFoundIsNotRetried() {
        BatchJob job = submit(1);
        EMULATOR.batchJobs().enqueue(BatchJobFault.pollStatus(404));

        TogetherAudioApiException notFound = assertThrows(TogetherAudioApiException.class, () -> client.get(job.id()));
        assertEquals(404, notFound.getStatus());
        assertTrue(waits.isEmpty());
    }

    @Test
    void aLostAnswerToCreateIsFoundInTheListNotCreatedAgain() {
        EMULATOR.batchJobs().enqueue(BatchJobFault.loseCreateAnswer());

        BatchJob job = submit(2);

        assertEquals(List.of(job.id()), EMULATOR.batchJobs().jobIds());
        assertTrue(waits.isEmpty(), "found at once, no wait: " + waits);
    }

    @Test
    void aLostAnswerToCreateWhoseListCannotBeReadIsNotAskedForAgain() {
        EMULATOR.batchJobs().enqueue(BatchJobFault.loseCreateAnswer(), BatchJobFault.listStatus(400));

        TogetherAudioException unknown = assertThrows(TogetherAudioException.class, () -> submit(1));

        assertTrue(unknown.getMessage().contains("may have been created"), unknown.getMessage());
        assertEquals(1, EMULATOR.batchJobs().jobIds().size());
        assertEquals(1, EMULATOR.batchJobs().calls().get("POST /v1/batches"));
    }

    @Test
    void aDownloadCutOffIsDownloadedAgainWhole() throws IOException {
        BatchJob job = completed(submit(5));
        EMULATOR.batchJobs().enqueue(BatchJobFault.cutOffDownload());

        Path output = directory.resolve("output.jsonl");
        client.download(job.outputFileId(), output, 1 << 20);

        assertEquals(5, Files.readAllLines(output).size());
        assertEquals(1, waits.size());
    }

    @Test
    void aResultFileOverTheLimitIsRefusedAsItComes() {
        BatchJob job = completed(submit(5));

        Exception refused = assertThrows(RuntimeException.class,
                () -> client.download(job.outputFileId(), directory.resolve("output.jsonl"), 100));
        assertTrue(refused.getMessage().contains("over the limit of 100 bytes"), refused.getMessage());
    }

    @Test
    void anEndedJobGivesOneOutcomePerRecordingWhateverItsEnd() throws IOException {
        EMULATOR.batchJobs().withConcurrency(1).enqueue(BatchJobFault.expireAfter(3));
        BatchJob job = completed(submit(7));
        assertEquals(BatchJobStatus.EXPIRED, job.status());

        List<JobResults.Outcome> outcomes = new CopyOnWriteArrayList<>();
        try (JobResults results = JobResults.fetch(client, job, directory, 1 << 20, 1 << 20)) {
            assertTrue(results.deliver(0, outcomes::add));
            assertEquals(7, results.recordings());
        }
        assertEquals(7, outcomes.stream().map(JobResults.Outcome::recordingId).distinct().count());
        assertEquals(3, outcomes.stream().filter(o -> o.transcript() != null).count());
        assertEquals(4, outcomes.stream().filter(o -> o.failure() != null
                && "EXPIRED".equals(o.failure().getCode())).count());
        try (var left = Files.list(directory)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("together-batch-results"))
                    .toList(), "result files are deleted once read");
        }
    }
}
