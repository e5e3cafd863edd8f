package io.cameltogether.audio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchRecordingException;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.BatchJobFault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route submits a job from an aggregated list of URLs; another route receives one exchange per recording, a
 * transcript or a failure that Camel's error handling sees, whatever the job's end.
 */
class BatchJobRouteTest extends EmulatorTestSupport {

    private final List<Exchange> transcripts = new CopyOnWriteArrayList<>();
    private final List<Exchange> failures = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                AggregationStrategy grouped = AggregationStrategies.groupedExchange();
                from("direct:recordings").routeId("collect")
                        .aggregate(constant(true), grouped).eagerCheckCompletion().completionSize(header("expected"))
                        .to("together-audio:batchJob?outputFormat=result")
                        .to("mock:submitted");
                from("together-audio:batchJob?outputFormat=result&delay=50&initialDelay=0&bridgeErrorHandler=true")
                        .routeId("deliver")
                        .onException(BatchRecordingException.class).handled(true)
                            .process(e -> failures.add(e.copy())).end()
                        .process(e -> transcripts.add(e.copy()));
            }
        };
    }

    private void submit(Map<String, String> recordings) {
        for (Map.Entry<String, String> recording : recordings.entrySet()) {
            template.send("direct:recordings", e -> {
                e.getMessage().setBody(recording.getValue());
                e.getMessage().setHeader(TogetherAudioConstants.RECORDING_ID, recording.getKey());
                e.getMessage().setHeader("expected", recordings.size());
            });
        }
    }

    private Map<String, String> recordings(int count) {
        Map<String, String> byId = new java.util.LinkedHashMap<>();
        String url = EMULATOR.host(SPEECH_WAV);
        for (int i = 1; i <= count; i++) {
            byId.put("call-" + i, url);
        }
        return byId;
    }

    private List<String> ids(List<Exchange> exchanges) {
        return exchanges.stream().map(e -> e.getMessage().getHeader(TogetherAudioConstants.RECORDING_ID, String.class))
                .sorted().toList();
    }

    private static BatchRecordingException caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, BatchRecordingException.class);
    }

    @Test
    void everyRecordingOfAnAggregatedJobArrivesOnceAsATranscript() {
        submit(recordings(12));

        await().until(() -> transcripts.size() == 12);
        assertEquals(recordings(12).keySet().stream().sorted().toList(), ids(transcripts));
        Exchange first = transcripts.get(0);
        TranscriptionResult result = first.getMessage().getBody(TranscriptionResult.class);
        assertTrue(result.text().startsWith("(emulated)"), result.text());
        assertEquals("COMPLETED", first.getMessage().getHeader(TogetherAudioConstants.BATCH_JOB_STATUS));
        assertEquals(12, first.getMessage().getHeader(TogetherAudioConstants.BATCH_JOB_RECORDINGS));
        assertTrue(failures.isEmpty());
        Exchange submitted = getMockEndpoint("mock:submitted").getExchanges().get(0);
        assertEquals(submitted.getMessage().getBody(BatchJob.class).id(),
                first.getMessage().getHeader(TogetherAudioConstants.BATCH_JOB_ID));
        assertEquals(1, EMULATOR.batchJobs().calls().get("POST /v1/files/upload"));
        assertEquals(1, EMULATOR.batchJobs().calls().get("POST /v1/batches"));
    }

    @Test
    void aRecordingTheServerCannotFetchFailsThroughTheErrorHandlerAndTheOthersArrive() {
        Map<String, String> byId = recordings(3);
        byId.put("gone", EMULATOR.host(SPEECH_WAV).replace("/files/", "/missing/"));
        submit(byId);

        await().until(() -> transcripts.size() + failures.size() == 4);
        assertEquals(3, transcripts.size());
        BatchRecordingException failure = caught(failures.get(0));
        assertEquals("gone", failure.getRecordingId());
        assertEquals("file_fetch_failed", failure.getCode());
        assertEquals("gone", failures.get(0).getMessage().getHeader(TogetherAudioConstants.RECORDING_ID));
    }

    @Test
    void aJobThatExpiresEndsEveryRecordingItDidNotDoAsAFailure() {
        EMULATOR.batchJobs().withConcurrency(1).enqueue(BatchJobFault.expireAfter(2));
        submit(recordings(5));

        await().until(() -> transcripts.size() + failures.size() == 5);
        assertEquals(2, transcripts.size());
        assertEquals(3, failures.size());
        failures.forEach(e -> assertEquals("EXPIRED", caught(e).getCode()));
    }

    @Test
    void aJobThatFailsValidationFailsEveryRecording() {
        EMULATOR.batchJobs().enqueue(BatchJobFault.failValidation("Line 1: model not available"));
        submit(recordings(3));

        await().until(() -> failures.size() == 3);
        String message = caught(failures.get(0)).getMessage();
        assertTrue(message.contains("FAILED") && message.contains("Line 1: model not available"), message);
        assertTrue(transcripts.isEmpty());
    }

    @Test
    void pollsAnsweredNotFoundOrTooManyAndADownloadCutOffStillDeliverEachRecordingOnce() {
        EMULATOR.batchJobs().enqueue(BatchJobFault.pollStatus(404), BatchJobFault.pollStatus(429),
                BatchJobFault.pollStatus(503), BatchJobFault.cutOffDownload());
        submit(recordings(6));

        await().until(() -> transcripts.size() == 6);
        assertEquals(recordings(6).keySet().stream().sorted().toList(), ids(transcripts));
        assertTrue(EMULATOR.batchJobs().calls().get("GET /v1/files/{id}/content") > 2);
    }

    @Test
    void aLostAnswerToCreateDoesNotCreateASecondJob() {
        EMULATOR.batchJobs().enqueue(BatchJobFault.loseCreateAnswer());
        submit(recordings(2));

        await().until(() -> transcripts.size() == 2);
        assertEquals(1, EMULATOR.batchJobs().jobIds().size());
        assertEquals(1, EMULATOR.batchJobs().calls().get("POST /v1/batches"));
    }

    @Test
    void badRecordingsAreRefusedNamingTheItemBeforeAnythingIsSent() {
        Exchange notUrl = send("together-audio:batchJob", List.of("https://example.com/a.wav", "/tmp/b.wav"));
        assertInstanceOf(AudioValidationException.class, notUrl.getException());
        assertContains(notUrl.getException().getMessage(), "item 2", "createDownloadLink");

        Exchange duplicate = send("together-audio:batchJob",
                List.of("https://example.com/x/a.wav", "https://example.com/y/a.wav"));
        assertContains(duplicate.getException().getMessage(), "item 2", "'a.wav'");

        Exchange tooLong = send("together-audio:batchJob", Map.of("x".repeat(65), "https://example.com/a.wav"));
        assertContains(tooLong.getException().getMessage(), "65 characters", "at most 64");

        assertTrue(EMULATOR.batchJobs().calls().isEmpty(), EMULATOR.batchJobs().calls().toString());
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), message);
        }
    }
}
