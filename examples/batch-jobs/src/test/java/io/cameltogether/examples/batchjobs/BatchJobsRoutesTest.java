package io.cameltogether.examples.batchjobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes against a real S3 API on loopback (S3Proxy, which checks presigned URLs' signatures) and the emulator,
 * which fetches every recording from its presigned URL: the bucket's recordings come back as transcripts.
 */
class BatchJobsRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    static Path dir;
    private static EmbeddedS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TogetherAudioComponent together = context.getComponent("together-audio", TogetherAudioComponent.class);
        together.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        together.getConfiguration().setApiKey(EMULATOR.apiKey());
        together.getConfiguration().setWorkDirectory(dir.toString());
        context.getRegistry().bind("jobRepository",
                FileStateRepository.fileStateRepository(dir.resolve("jobs.state").toFile()));
        return context;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("s3.bucket", "calls");
        properties.put("s3.options", "accessKey=RAW(" + s3.accessKey() + ")&secretKey=RAW(" + s3.secretKey()
                + ")&region=us-east-1&overrideEndpoint=true&uriEndpointOverride=" + s3.endpoint()
                + "&forcePathStyle=true&autoCreateBucket=true");
        properties.put("poll.delay", "200");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new BatchJobsRoutes();
    }

    @Test
    void theBucketsRecordingsComeBackAsTranscriptsFromOneJob() {
        String bucket = "aws2-s3://{{s3.bucket}}?{{s3.options}}";
        for (String name : List.of("voicemail-anna.wav", "delivery-update.mp3")) {
            template.sendBodyAndHeader(bucket, Path.of("../transcribe-folder/samples", name).toFile(),
                    AWS2S3Constants.KEY, "recordings/" + name);
        }

        template.sendBody("direct:submit", null);

        await().until(() -> keys(bucket, "transcripts/").size() == 2);
        assertEquals(List.of("transcripts/delivery-update.mp3.txt", "transcripts/voicemail-anna.wav.txt"),
                keys(bucket, "transcripts/"));
        String transcript = template.requestBodyAndHeader(bucket + "&operation=getObject", null, AWS2S3Constants.KEY,
                "transcripts/voicemail-anna.wav.txt", String.class);
        assertTrue(transcript.startsWith("(emulated)"), transcript);
        assertEquals(1, EMULATOR.batchJobs().jobIds().size());
        assertTrue(keys(bucket, "failed/").isEmpty());
    }

    @SuppressWarnings("unchecked")
    private List<String> keys(String bucket, String prefix) {
        List<S3Object> objects = template.requestBody(bucket + "&operation=listObjects&prefix=" + prefix, null,
                List.class);
        return objects.stream().map(S3Object::key).sorted().toList();
    }
}
