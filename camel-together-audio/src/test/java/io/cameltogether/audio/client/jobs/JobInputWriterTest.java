package io.cameltogether.audio.client.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.ResponseFormat;
import io.cameltogether.audio.client.request.TimestampGranularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSONL a job is made of: the live line shape, and the Batch API's limits refused before anything is sent. */
class JobInputWriterTest {

    private static final BatchOptions OPTIONS = new BatchOptions("openai/whisper-large-v3", "de", null,
            ResponseFormat.VERBOSE_JSON, 0.2, Set.of(TimestampGranularity.WORD, TimestampGranularity.SEGMENT), true,
            2, 3);

    @TempDir
    Path directory;

    private static JobRecording recording(int n, BatchOptions options) {
        return new JobRecording("call-" + n, "https://bucket.example.com/call-" + n + ".wav?X-Amz-Signature=abc",
                options, "item " + n);
    }

    @Test
    void eachLineIsAFileRequestWithTheEndpointsFields() throws IOException {
        JobInput input;
        try (JobInputWriter writer = new JobInputWriter(directory)) {
            writer.add(recording(1, OPTIONS));
            writer.add(recording(2, OPTIONS));
            input = writer.finish();
        }
        List<String> lines = Files.readAllLines(input.file());
        assertEquals(2, lines.size());
        assertEquals(2, input.lines());
        assertEquals(Files.size(input.file()), input.bytes());
        JsonNode line = Json.MAPPER.readTree(lines.get(0));
        assertEquals("call-1", line.path("custom_id").asText());
        assertEquals("FILE", line.path("method").asText());
        JsonNode body = line.path("body");
        assertEquals("https://bucket.example.com/call-1.wav?X-Amz-Signature=abc", body.path("file").asText());
        assertEquals("openai/whisper-large-v3", body.path("model").asText());
        assertEquals("de", body.path("language").asText());
        assertEquals("verbose_json", body.path("response_format").asText());
        assertEquals(0.2, body.path("temperature").asDouble());
        assertEquals("[\"segment\",\"word\"]", body.path("timestamp_granularities").toString());
        assertTrue(body.path("diarize").asBoolean());
        assertEquals(2, body.path("min_speakers").asInt());
        assertEquals(3, body.path("max_speakers").asInt());
    }

    @Test
    void theRecordingAfterFiftyThousandIsRefusedByName() {
        try (JobInputWriter writer = new JobInputWriter(directory)) {
            for (int n = 1; n <= JobInputWriter.MAX_LINES; n++) {
                writer.add(recording(n, OPTIONS));
            }
            AudioValidationException refused = assertThrows(AudioValidationException.class,
                    () -> writer.add(recording(50_001, OPTIONS)));
            assertTrue(refused.getMessage().contains("item 50001") && refused.getMessage().contains("50000"),
                    refused.getMessage());
        }
    }

    @Test
    void theRecordingThatTakesTheFilePastOneHundredMegabytesIsRefusedByName() {
        BatchOptions longPrompt = new BatchOptions("openai/whisper-large-v3", null, "p".repeat(4000), null, null,
                null, null, null, null);
        try (JobInputWriter writer = new JobInputWriter(directory)) {
            AudioValidationException refused = assertThrows(AudioValidationException.class, () -> {
                for (int n = 1; n <= JobInputWriter.MAX_LINES; n++) {
                    writer.add(recording(n, longPrompt));
                }
            });
            assertTrue(refused.getMessage().contains("100 MB"), refused.getMessage());
            assertTrue(refused.getMessage().matches(".*item 2[0-9]{4} .*"), refused.getMessage());
        }
    }

    @Test
    void anUnfinishedFileIsDeleted() throws IOException {
        try (JobInputWriter writer = new JobInputWriter(directory)) {
            writer.add(recording(1, OPTIONS));
            assertThrows(AudioValidationException.class, () -> writer.add(new JobRecording("call-1",
                    "https://example.com/again.wav", OPTIONS, "item 2")));
        }
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aJobOfNoRecordingsIsRefused() {
        try (JobInputWriter writer = new JobInputWriter(directory)) {
            assertThrows(AudioValidationException.class, writer::finish);
        }
    }
}
