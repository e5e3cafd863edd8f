package io.cameltogether.examples.upload;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service over real HTTP, against the emulator. */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadApplicationTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private static final Path SAMPLES = Path.of("../transcribe-folder/samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.together-audio.base-url", EMULATOR::baseUrl);
        registry.add("camel.component.together-audio.api-key", EMULATOR::apiKey);
        registry.add("camel.component.together-audio.retry-delay", () -> "10ms");
    }

    @Autowired
    TestRestTemplate http;

    private ResponseEntity<String> upload(String path, Resource file) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", file);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    private static Resource named(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    @Test
    void anUploadComesBackAsTextWithSpeakerTurns() throws Exception {
        ResponseEntity<String> response = upload("/transcripts?language=en",
                new FileSystemResource(SAMPLES.resolve("weekly-meeting.m4a")));

        assertEquals(200, response.getStatusCode().value(), response.getBody());
        JsonNode transcript = JSON.readTree(response.getBody());
        assertTrue(transcript.get("text").asText().startsWith("(emulated)"));
        assertEquals(8.35, transcript.get("durationSeconds").asDouble(), 0.05);
        JsonNode turns = transcript.get("turns");
        assertTrue(turns.size() >= 2, response.getBody());
        assertEquals("SPEAKER_00", turns.get(0).get("speaker").asText());
        assertEquals("SPEAKER_01", turns.get(1).get("speaker").asText());
        assertTrue(turns.get(1).get("start").asDouble() > 0);
        assertEquals("weekly-meeting.m4a", EMULATOR.lastRequest().fileName());
        assertEquals("en", EMULATOR.lastRequest().fields().get("language").get(0));
    }

    @Test
    void subtitlesComeAsSrtOrVtt() {
        Resource wav = new FileSystemResource(SAMPLES.resolve("voicemail-anna.wav"));

        ResponseEntity<String> srt = upload("/subtitles", wav);
        ResponseEntity<String> vtt = upload("/subtitles?format=vtt", wav);

        assertEquals("application/x-subrip;charset=UTF-8", srt.getHeaders().getContentType().toString());
        assertTrue(srt.getBody().startsWith("1\n00:00:00,000 --> "), srt.getBody());
        assertTrue(srt.getBody().contains("SPEAKER_01: "), "speakers in the cues");
        assertTrue(vtt.getBody().startsWith("WEBVTT"), vtt.getBody());
        assertEquals(400, upload("/subtitles?format=txt", wav).getStatusCode().value());
    }

    @Test
    void aWrongPartOrAnEmptyPostIsAnsweredWithTheReason() throws Exception {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("recording", new FileSystemResource(SAMPLES.resolve("voicemail-anna.wav")));
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<String> wrongPart = http.postForEntity("/transcripts", new HttpEntity<>(form, multipart),
                String.class);
        ResponseEntity<String> empty = http.postForEntity("/transcripts", HttpEntity.EMPTY, String.class);

        assertEquals(400, wrongPart.getStatusCode().value());
        assertTrue(JSON.readTree(wrongPart.getBody()).get("detail").asText().contains("'file'"), wrongPart.getBody());
        assertEquals(415, empty.getStatusCode().value());
        assertTrue(JSON.readTree(empty.getBody()).get("detail").asText().contains("not supported"), empty.getBody());
    }

    @Test
    void badRecordingsAreTheCallersProblemAndOutagesAreNot(CapturedOutput log) throws Exception {
        ResponseEntity<String> notAudio = upload("/transcripts", named("notes.txt", "hello".getBytes()));
        ResponseEntity<String> corrupt = upload("/transcripts", named("call.mp3", "not really an mp3".getBytes()));
        EMULATOR.enqueue(Fault.status(503), Fault.status(503), Fault.status(503), Fault.status(503));
        ResponseEntity<String> outage = upload("/transcripts", new FileSystemResource(SAMPLES.resolve("voicemail-anna.wav")));

        assertEquals(400, notAudio.getStatusCode().value());
        assertTrue(JSON.readTree(notAudio.getBody()).get("detail").asText().contains("txt"), notAudio.getBody());
        assertEquals(422, corrupt.getStatusCode().value(), corrupt.getBody());
        assertEquals(503, outage.getStatusCode().value(), outage.getBody());
        assertEquals(4, EMULATOR.requests().stream().filter(r -> r.status() == 503).count(), "retried first");
        assertTrue(log.getAll().lines().filter(line -> line.contains("ERROR"))
                .noneMatch(line -> line.contains("AudioValidationException") || line.contains("HTTP 400")),
                "a caller's mistake is no ERROR in the log");
    }

    @Test
    void actuatorShowsTheComponentsReadinessAndMetrics() throws Exception {
        upload("/subtitles", new FileSystemResource(SAMPLES.resolve("voicemail-anna.wav")));

        String health = http.getForObject("/actuator/health/readiness", String.class);
        JsonNode metrics = JSON.readTree(http.getForObject("/actuator/metrics/together.audio.requests", String.class));

        assertTrue(health.contains("\"status\":\"UP\""), health);
        String details = http.getForObject("/actuator/health", String.class);
        assertTrue(details.contains("producer:together-audio-transcribe"), details);
        assertTrue(EMULATOR.modelsRequests() > 0, "the check asked the API");
        assertTrue(metrics.get("measurements").get(0).get("value").asDouble() >= 1, metrics.toString());
    }
}
