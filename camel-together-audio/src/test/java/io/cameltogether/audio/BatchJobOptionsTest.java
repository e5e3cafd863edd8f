package io.cameltogether.audio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.StateRepository;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchRecordingException;
import io.cameltogether.audio.emulator.BatchJobFault;
import io.cameltogether.audio.jobs.BatchJobConsumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batchJob endpoint's other ways in and out: failures as a header, jobs submitted elsewhere, the status,
 * cancel and watch actions, a route that fails, and jobs that never end or vanish, on the consumer's clock.
 */
class BatchJobOptionsTest extends EmulatorTestSupport {

    private final List<Exchange> routed = new CopyOnWriteArrayList<>();
    private final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(e -> handled.add(
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                from("together-audio:batchJob?failuresAsHeader=true&delay=50&initialDelay=0&bridgeErrorHandler=true")
                        .routeId("deliver").autoStartup(false)
                        .process(e -> {
                            routed.add(e.copy());
                            if ("fail-here".equals(e.getMessage().getHeader(TogetherAudioConstants.RECORDING_ID))) {
                                throw new IllegalStateException("the archive is down");
                            }
                        });
            }
        };
    }

    private BatchJob submit(Map<String, String> recordings) {
        return template.requestBody("together-audio:batchJob", recordings, BatchJob.class);
    }

    private BatchJob action(String action, String jobId) {
        return template.requestBodyAndHeaders("together-audio:batchJob", null, Map.of(
                TogetherAudioConstants.BATCH_JOB_ACTION, action, TogetherAudioConstants.BATCH_JOB_ID, jobId),
                BatchJob.class);
    }

    private void deliver() throws Exception {
        context.getRouteController().startRoute("deliver");
    }

    private BatchJobConsumer jobConsumer() {
        return (BatchJobConsumer) context.getRoute("deliver").getConsumer();
    }

    @Test
    void withFailuresAsHeaderAFailedRecordingIsRoutedWithItsErrorAndNoBody() throws Exception {
        String url = EMULATOR.host(SPEECH_WAV);
        submit(Map.of("ok", url, "gone", url.replace("/files/", "/missing/")));
        deliver();

        await().until(() -> routed.size() == 2);
        Exchange gone = routed.stream().filter(e -> "gone".equals(e.getMessage().getHeader(
                TogetherAudioConstants.RECORDING_ID))).findFirst().orElseThrow();
        assertNull(gone.getMessage().getBody());
        BatchRecordingException error = gone.getMessage().getHeader(TogetherAudioConstants.RECORDING_ERROR,
                BatchRecordingException.class);
        assertEquals("file_fetch_failed", error.getCode());
        assertTrue(handled.isEmpty());
    }

    @Test
    void aRouteThatFailsOnARecordingHandsItToTheErrorHandlerAndGoesOn() throws Exception {
        String url = EMULATOR.host(SPEECH_WAV);
        submit(Map.of("fail-here", url, "after", url));
        deliver();

        await().until(() -> routed.size() == 2 && handled.size() == 1);
        assertEquals("the archive is down", handled.get(0).getMessage());
    }

    @Test
    void statusCancelAndWatchActOnTheJobInTheHeader() throws Exception {
        EMULATOR.batchJobs().withValidationTime(Duration.ofMinutes(5));
        BatchJob job = submit(Map.of("a", EMULATOR.host(SPEECH_WAV)));
        assertEquals("VALIDATING", action("status", job.id()).statusText());

        assertEquals("CANCELLED", action("cancel", job.id()).statusText());
        deliver();
        await().until(() -> routed.size() == 1);
        assertEquals("CANCELLED", routed.get(0).getMessage().getHeader(TogetherAudioConstants.BATCH_JOB_STATUS));

        action("watch", job.id()); // delivered again, as asked
        await().until(() -> routed.size() == 2);
        Exchange bad = template.request("together-audio:batchJob", e -> e.getMessage().setHeader(
                TogetherAudioConstants.BATCH_JOB_ACTION, "status"));
        assertTrue(bad.getException().getMessage().contains(TogetherAudioConstants.BATCH_JOB_ID));
    }

    @Test
    void aJobSubmittedElsewhereIsDeliveredFromTheJobIdsOption() throws Exception {
        BatchJob elsewhere = submit(Map.of("x", EMULATOR.host(SPEECH_WAV)));
        context.getRouteController().stopRoute("deliver");
        context.getComponent("together-audio", TogetherAudioComponent.class).memoryJobRepository()
                .setState("together-audio.batch-jobs", ""); // as if another application had submitted it
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("together-audio:batchJob?delay=50&initialDelay=0&jobIds=" + elsewhere.id())
                        .process(e -> routed.add(e.copy()));
            }
        });

        await().until(() -> routed.size() == 1);
        assertEquals(elsewhere.id(), routed.get(0).getMessage().getHeader(TogetherAudioConstants.BATCH_JOB_ID));
    }

    @Test
    void aJobStillOpenLongPastItsDeadlineEndsWithEveryRecordingFailed() throws Exception {
        EMULATOR.batchJobs().withValidationTime(Duration.ofHours(1));
        submit(Map.of("a", EMULATOR.host(SPEECH_WAV), "b", EMULATOR.host(SPEECH_WAV)));
        deliver();
        jobConsumer().setClock(Clock.fixed(Instant.now().plus(Duration.ofHours(26)), ZoneOffset.UTC));

        await().until(() -> routed.size() == 2);
        BatchRecordingException error = routed.get(0).getMessage().getHeader(TogetherAudioConstants.RECORDING_ERROR,
                BatchRecordingException.class);
        assertTrue(error.getMessage().contains("past its deadline"), error.getMessage());
    }

    @Test
    void aJobTheApiKeepsSayingItDoesNotKnowIsReportedOnceItsTimeIsUp() throws Exception {
        EMULATOR.batchJobs().withValidationTime(Duration.ofHours(1));
        submit(Map.of("a", EMULATOR.host(SPEECH_WAV)));
        for (int i = 0; i < 1000; i++) {
            EMULATOR.batchJobs().enqueue(BatchJobFault.pollStatus(404)); // every poll, from now on
        }
        deliver();
        await().until(() -> EMULATOR.batchJobs().calls().getOrDefault("GET /v1/batches/{id}", 0) >= 2);
        assertTrue(handled.isEmpty(), "not yet: a job may be unknown for a while " + handled);
        jobConsumer().setClock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(11)), ZoneOffset.UTC));

        await().until(() -> handled.size() == 1);
        assertTrue(handled.get(0).getMessage().contains("unknown to the API for 10 minutes"),
                handled.get(0).getMessage());
        assertTrue(routed.isEmpty());
        assertTrue(context.getComponent("together-audio", TogetherAudioComponent.class).memoryJobRepository()
                .getState("together-audio.batch-jobs").isEmpty(), "the job is no longer polled");
    }

    @Test
    void aJobWhoseIdWasNeverStoredIsFoundByItsInputFileAndDelivered() throws Exception {
        BatchJob job = submit(Map.of("lost-id", EMULATOR.host(SPEECH_WAV)));
        StateRepository<String, String> jobs = context.getComponent("together-audio", TogetherAudioComponent.class)
                .memoryJobRepository();
        // as if the JVM had stopped between asking for the job and storing its id
        jobs.setState("together-audio.batch-jobs", "pending:" + job.inputFileId() + "@" + Instant.now().toEpochMilli());
        deliver();

        await().until(() -> routed.size() == 1);
        assertEquals(job.id(), routed.get(0).getMessage().getHeader(TogetherAudioConstants.BATCH_JOB_ID));
    }

    @Test
    void resultsThatAreNotThoseTheCountWasKeptForAreDeliveredAgainAndSaidSo() throws Exception {
        BatchJob job = submit(Map.of("a", EMULATOR.host(SPEECH_WAV), "b", EMULATOR.host(SPEECH_WAV)));
        context.getComponent("together-audio", TogetherAudioComponent.class).memoryJobRepository()
                .setState("together-audio.batch-jobs." + job.id() + ".delivered", "1:another-file");
        deliver();

        await().until(() -> routed.size() == 2 && handled.size() == 1);
        assertTrue(handled.get(0).getMessage().contains("delivered again"), handled.get(0).getMessage());
    }

    @Test
    void aSecondConsumerOfTheSameJobRepositoryIsRefused() throws Exception {
        deliver();
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("together-audio:batchJob?delay=50").to("mock:twice");
                    }
                }));
        assertTrue(String.valueOf(refused.getCause()).contains("one consumer per job repository")
                || refused.getMessage().contains("one consumer per job repository"), refused.toString());
    }

    @Test
    void aRedeliveredSubmissionTakesTheJobItsFirstAttemptMade() {
        EMULATOR.batchJobs().enqueue(BatchJobFault.loseCreateAnswer(), BatchJobFault.listStatus(500),
                BatchJobFault.listStatus(500), BatchJobFault.listStatus(500), BatchJobFault.listStatus(500));
        Exchange first = template.send("together-audio:batchJob", e -> e.getMessage().setBody(
                Map.of("a", EMULATOR.host(SPEECH_WAV))));
        assertTrue(first.getException().getMessage().contains("may have been created"),
                first.getException().getMessage());

        first.setException(null); // as Camel's redelivery does before it sends the exchange once more
        Exchange again = template.send("together-audio:batchJob", first);

        assertNull(again.getException());
        assertEquals(EMULATOR.batchJobs().jobIds().get(0), again.getMessage().getBody(BatchJob.class).id());
        assertEquals(1, EMULATOR.batchJobs().jobIds().size());
        assertEquals(1, EMULATOR.batchJobs().calls().get("POST /v1/files/upload"));
    }
}
