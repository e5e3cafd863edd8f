package io.cameltogether.examples.batchjobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.processor.state.FileStateRepository;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.ApiTarget;
import io.cameltogether.audio.jobs.JobRegistry;

/**
 * Runs {@link BatchJobsRoutes} on the bucket named by {@code -Ds3.bucket=... [-Ds3.region=...]}, with the AWS
 * credentials of the default provider chain (environment, profile, instance role). Without {@code s3.bucket} it
 * starts an S3 API on loopback (S3Proxy) whose bucket holds the sample recordings, and says so; without
 * {@code TOGETHER_API_KEY} it uses the emulator. The real API needs a real bucket: Together fetches the presigned
 * URLs itself. It stops once its job is delivered; run it again after a stop and it delivers the rest.
 */
public final class BatchJobsApp {

    private BatchJobsApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        Path work = home.resolve("target/batch-jobs-work").toAbsolutePath();
        Files.createDirectories(work);
        try (ApiTarget api = ApiTarget.fromEnvironment(); EmbeddedS3 s3 = embeddedUnlessBucketGiven(api)) {
            Main main = new Main();
            if (s3 != null) {
                main.addInitialProperty("s3.bucket", "calls");
                main.addInitialProperty("s3.options", "accessKey=RAW(" + s3.accessKey() + ")&secretKey=RAW("
                        + s3.secretKey() + ")&region=" + EmbeddedS3.REGION + "&overrideEndpoint=true"
                        + "&uriEndpointOverride=" + s3.endpoint() + "&forcePathStyle=true&autoCreateBucket=true");
            } else {
                main.addInitialProperty("s3.bucket", System.getProperty("s3.bucket"));
                main.addInitialProperty("s3.options", "useDefaultCredentialsProvider=true&region="
                        + System.getProperty("s3.region", "us-east-1"));
            }
            main.addInitialProperty("poll.delay", api.emulator() != null ? "1s" : "30s");
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(api.baseUrl());
            together.getConfiguration().setApiKey(api.apiKey());
            together.getConfiguration().setWorkDirectory(work.toString());
            main.bind("together-audio", together);
            FileStateRepository jobs = FileStateRepository.fileStateRepository(work.resolve("jobs.state").toFile());
            jobs.start();
            main.bind("jobRepository", jobs);
            List<String> open = new JobRegistry(jobs).jobs();
            if (!open.isEmpty()) {
                System.out.println("Resuming the delivery of " + open + " from an earlier run.");
            }
            main.configure().addRoutesBuilder(new BatchJobsRoutes());
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport support) {
                    CamelContext context = support.getCamelContext();
                    if (s3 != null) {
                        seed(context, home.resolve("../transcribe-folder/samples"));
                    }
                    if (open.isEmpty()) {
                        try (ProducerTemplate template = context.createProducerTemplate()) {
                            template.sendBody("direct:submit", null);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    Thread watcher = new Thread(() -> stopWhenDelivered(main, jobs), "until-delivered");
                    watcher.setDaemon(true);
                    watcher.start();
                }
            });
            main.run();
        }
    }

    private static EmbeddedS3 embeddedUnlessBucketGiven(ApiTarget api) throws Exception {
        if (System.getProperty("s3.bucket") != null) {
            return null;
        }
        if (api.emulator() == null) {
            throw new IllegalStateException("With the real Together API, give a real bucket (-Ds3.bucket=...): "
                    + "Together fetches each recording from its presigned URL, which a bucket on loopback is not");
        }
        EmbeddedS3 s3 = EmbeddedS3.start();
        System.out.println("No s3.bucket given: serving bucket 'calls' from an S3 API at " + s3.endpoint()
                + " (embedded S3Proxy), with the sample recordings under recordings/.");
        return s3;
    }

    /** Puts the sample recordings into the embedded bucket, under recordings/. */
    private static void seed(CamelContext context, Path samples) {
        try (Stream<Path> files = Files.list(samples); ProducerTemplate template = context.createProducerTemplate()) {
            for (Path sample : files.sorted().toList()) {
                template.sendBodyAndHeader("aws2-s3://{{s3.bucket}}?{{s3.options}}", sample.toFile(),
                        AWS2S3Constants.KEY, "recordings/" + sample.getFileName());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the sample recordings in " + samples, e);
        }
    }

    private static void stopWhenDelivered(Main main, FileStateRepository jobs) {
        try {
            while (!new JobRegistry(jobs).jobs().isEmpty()) {
                Thread.sleep(500);
            }
            System.out.println("Every recording of the job is delivered: transcripts/ and failed/ in the bucket.");
            main.completed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
