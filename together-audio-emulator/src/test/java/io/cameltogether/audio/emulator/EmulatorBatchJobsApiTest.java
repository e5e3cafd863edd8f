package io.cameltogether.audio.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulated Files and Batches APIs answer in the live shapes, and run a job from the URLs its lines name. */
class EmulatorBatchJobsApiTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private static final CloseableHttpClient HTTP = HttpClients.custom().disableAutomaticRetries().build();

    @TempDir
    Path directory;

    @AfterAll
    static void closeClient() throws IOException {
        HTTP.close();
    }

    private record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private static Answer call(HttpUriRequestBase request) throws IOException {
        request.setHeader("Authorization", "Bearer " + EMULATOR.apiKey());
        return HTTP.execute(request, r -> new Answer(r.getCode(), EntityUtils.toString(r.getEntity())));
    }

    private String upload(String... lines) throws IOException {
        Path input = Files.writeString(directory.resolve("input.jsonl"), String.join("\n", lines) + "\n");
        HttpPost post = new HttpPost(EMULATOR.baseUrl() + "/files/upload");
        post.setEntity(MultipartEntityBuilder.create().addTextBody("purpose", "batch-api")
                .addTextBody("file_name", "input.jsonl").addTextBody("file_type", "jsonl")
                .addBinaryBody("file", input.toFile(), ContentType.APPLICATION_OCTET_STREAM, "input.jsonl").build());
        Answer uploaded = call(post);
        assertEquals(200, uploaded.status(), uploaded.body());
        assertEquals("batch-api", uploaded.json().path("purpose").asText());
        return uploaded.json().path("id").asText();
    }

    private Answer create(String fileId) throws IOException {
        HttpPost post = new HttpPost(EMULATOR.baseUrl() + "/batches");
        post.setEntity(new StringEntity("{\"endpoint\":\"/v1/audio/transcriptions\",\"input_file_id\":\"" + fileId
                + "\",\"completion_window\":\"24h\"}", ContentType.APPLICATION_JSON));
        return call(post);
    }

    private static String line(String id, String url) {
        return "{\"custom_id\":\"" + id + "\",\"method\":\"FILE\",\"body\":{\"file\":\"" + url
                + "\",\"model\":\"openai/whisper-large-v3\",\"response_format\":\"verbose_json\"}}";
    }

    private JsonNode job(String id) throws IOException {
        return call(new HttpGet(EMULATOR.baseUrl() + "/batches/" + id)).json();
    }

    @Test
    void aJobRunsItsLinesAndWritesOutputAndErrorFilesKeyedByCustomId() throws IOException {
        Path wav = Files.write(directory.resolve("a.wav"), EmulatorBatchApiTest.wav(2));
        String url = EMULATOR.host(wav);
        Answer created = create(upload(line("one", url), line("two", url), line("lost", url + "-missing")));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("job").path("id").asText();
        assertEquals("VALIDATING", created.json().path("job").path("status").asText());

        await().until(() -> job(id).path("status").asText().equals("COMPLETED"));
        JsonNode done = job(id);
        assertEquals(100.0, done.path("progress").asDouble());
        JsonNode listed = call(new HttpGet(EMULATOR.baseUrl() + "/batches")).json();
        assertTrue(listed.isArray() && listed.get(0).path("id").asText().equals(id), listed.toString());

        List<String> output = content(done.path("output_file_id").asText());
        assertEquals(2, output.size());
        Set<String> ids = new HashSet<>();
        for (String line : output) {
            JsonNode node = Json.MAPPER.readTree(line);
            ids.add(node.path("custom_id").asText());
            assertEquals(200, node.path("response").path("status_code").asInt());
            assertTrue(node.path("response").path("body").path("text").asText().startsWith("(emulated)"));
            assertEquals(2.0, node.path("response").path("body").path("duration").asDouble(), 0.01);
        }
        assertEquals(Set.of("one", "two"), ids);
        JsonNode error = Json.MAPPER.readTree(content(done.path("error_file_id").asText()).get(0));
        assertEquals("lost", error.path("custom_id").asText());
        assertEquals("file_fetch_failed", error.path("error").path("code").asText());
    }

    @Test
    void anInputWithoutTheFileMethodFailsTheWholeJobInValidation() throws IOException {
        String bad = "{\"custom_id\":\"x\",\"method\":\"POST\",\"body\":{\"file\":\"https://127.0.0.1/a.wav\"}}";
        String id = create(upload(bad)).json().path("job").path("id").asText();

        await().until(() -> job(id).path("status").asText().equals("FAILED"));
        assertTrue(job(id).path("error").asText().contains("FILE"), job(id).toString());
        assertFalse(job(id).has("output_file_id"));
    }

    @Test
    void errorsOfTheBatchesApiAreAStringAndAnUnknownJobIsNotFound() throws IOException {
        Answer unknown = call(new HttpGet(EMULATOR.baseUrl() + "/batches/no-such-job"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().path("error").isTextual(), unknown.body());
        Answer badFile = create("file-unknown");
        assertEquals(400, badFile.status());
        assertTrue(badFile.json().path("error").asText().contains("batch-api"), badFile.body());
    }

    private static List<String> content(String fileId) throws IOException {
        Answer content = call(new HttpGet(EMULATOR.baseUrl() + "/files/" + fileId + "/content"));
        assertEquals(200, content.status());
        return content.body().lines().filter(l -> !l.isBlank()).toList();
    }
}
