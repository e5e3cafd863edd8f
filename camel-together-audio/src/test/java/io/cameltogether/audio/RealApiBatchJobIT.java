package io.cameltogether.audio;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.cameltogether.audio.client.jobs.BatchJob;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the real Batch API, with the key from TOGETHER_API_KEY; skipped without it. A job of one recording the
 * server cannot fetch is accepted in the live JSONL shape, can be read and cancelled, and its recording comes back
 * as a failure, not silence. Set TOGETHER_BATCH_AUDIO_URL to an https URL of speech to have it transcribed instead.
 */
@EnabledIfEnvironmentVariable(named = "TOGETHER_API_KEY", matches = ".+")
class RealApiBatchJobIT extends CamelTestSupport {

    private final List<Exchange> delivered = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("together-audio:batchJob?delay=30s&failuresAsHeader=true").process(e -> delivered.add(e.copy()));
            }
        };
    }

    @Test
    void aJobIsAcceptedReadAndEndsWithOneOutcomePerRecording() {
        String url = System.getenv().getOrDefault("TOGETHER_BATCH_AUDIO_URL",
                "https://example.com/camel-together-audio/not-there.wav");
        BatchJob job = template.requestBody("together-audio:batchJob", Map.of("probe-1", url), BatchJob.class);
        assertTrue(BatchJob.isId(job.id()), job.toString());

        BatchJob status = template.requestBodyAndHeaders("together-audio:batchJob", null, Map.of(
                TogetherAudioConstants.BATCH_JOB_ACTION, "status", TogetherAudioConstants.BATCH_JOB_ID, job.id()),
                BatchJob.class);
        assertEquals(job.id(), status.id());

        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(10)).until(() -> !delivered.isEmpty());
        Exchange outcome = delivered.get(0);
        assertEquals("probe-1", outcome.getMessage().getHeader(TogetherAudioConstants.RECORDING_ID));
        assertEquals(1, delivered.size());
    }
}
