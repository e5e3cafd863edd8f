package io.cameltogether.audio.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.RecordedRequest;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/**
 * A backlog against the API's rate limit, as Together answers it (the emulator's rate-limit mode: a token bucket,
 * 429 {@code dynamic_request_limited} with {@code x-ratelimit-*} headers and no Retry-After): a burst of sends
 * handed over at once through the component (a resolved endpoint, and a String URI through a ProducerTemplate), a
 * raw Apache HttpClient 5 program that retries 429s for as long as it takes, honouring x-ratelimit-reset, and
 * openai-java with its default retries. Each gets a fresh bucket; the table reports what succeeded, what failed,
 * the requests the API saw and the share of them answered 429, goodput against the limit, and the time from
 * hand-over to answer. A second table, without a limit, shows what each costs per send (CPU of this JVM, the
 * in-process emulator's included, the same for all). Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=RateLimitBenchmark}, with -Dsends and
 * -Dlimit (requests per second) to change the defaults of 2000 and 20.
 */
public final class RateLimitBenchmark {

    private static final int CONCURRENCY = 8;
    private static final int ROUNDS = 5;
    private static final List<String> CLIENTS = List.of("component (endpoint)", "component (String URI)",
            "httpclient loop", "openai-java");
    private static final String MODEL = "openai/whisper-large-v3";

    private RateLimitBenchmark() {
    }

    /** One client's run: its sends' outcomes and times, and what the API saw. */
    private record Run(String client, int succeeded, int failed, int requests, int refused, double seconds,
                       double[] latencies, double cpuMsPerSend) {
    }

    public static void main(String[] args) throws Exception {
        int sends = Integer.getInteger("sends", 2000);
        double limit = Double.parseDouble(System.getProperty("limit", "20"));
        Path dir = Files.createTempDirectory("rate-limit-benchmark");
        Path wav = BatchBenchmark.wav(dir.resolve("voicemail-4k.wav"), 4 * 1024);
        try (TogetherAudioEmulator emulator = new TogetherAudioEmulator().start()) {
            System.out.printf(Locale.ROOT, "Rate-limit benchmark: %d sends of a 4 KB WAV handed over at once, the "
                    + "API limited to %.0f requests/s (429 dynamic_request_limited, x-ratelimit-* headers)%n",
                    sends, limit);
            List<Run> limited = new ArrayList<>();
            for (String client : CLIENTS) {
                emulator.reset();
                emulator.withRateLimit(limit);
                limited.add(run(client, emulator, wav, sends));
            }
            print(limited, limit);
            System.out.printf(Locale.ROOT, "%nWithout a limit: the same %d sends, a warm-up round, then medians of "
                    + "%d rounds in alternating order%n", sends, ROUNDS);
            Map<String, List<Run>> unlimited = new LinkedHashMap<>();
            for (int round = -1; round < ROUNDS; round++) {
                List<String> order = new ArrayList<>(CLIENTS);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String client : order) {
                    emulator.reset();
                    Run run = run(client, emulator, wav, sends);
                    if (round >= 0) {
                        unlimited.computeIfAbsent(client, c -> new ArrayList<>()).add(run);
                    }
                }
            }
            printCosts(unlimited);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(dir);
        }
    }

    private static Run run(String client, TogetherAudioEmulator emulator, Path wav, int sends) throws Exception {
        String url = emulator.baseUrl();
        try (Sender sender = switch (client) {
            case "component (endpoint)" -> new CamelSender(url, true);
            case "component (String URI)" -> new CamelSender(url, false);
            case "httpclient loop" -> new RawLoopSender(url);
            default -> new OpenAiSender(url);
        }) {
            double[] latencies = new double[sends];
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<?>> all = new ArrayList<>(sends);
            long cpuBefore = cpuNanos();
            long started = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                int n = i;
                long handedOver = System.nanoTime();
                all.add(sender.send(wav).handle((ok, failure) -> {
                    latencies[n] = (System.nanoTime() - handedOver) / 1e9;
                    if (failure != null) {
                        failed.incrementAndGet();
                    }
                    return null;
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMs = (cpuNanos() - cpuBefore) / 1e6 / sends;
            List<RecordedRequest> seen = emulator.requests();
            int refused = (int) seen.stream().filter(r -> r.status() == 429).count();
            Arrays.sort(latencies);
            return new Run(client, sends - failed.get(), failed.get(), seen.size(), refused, seconds, latencies, cpuMs);
        }
    }

    /** CPU time of this JVM, the emulator's included: the same for every client, so the differences are theirs. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(List<Run> runs, double limit) {
        System.out.println("| client | succeeded | failed | requests sent | answered 429 | goodput / limit "
                + "| hand-over to answer p50 / p99 (s) | wall (s) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f %% | %.2f | %.2f / %.2f | %.1f |%n",
                    r.client, r.succeeded, r.failed, r.requests, 100.0 * r.refused / r.requests,
                    r.succeeded / r.seconds / limit, percentile(r.latencies, 0.5), percentile(r.latencies, 0.99),
                    r.seconds);
        }
    }

    /** Medians per client, and their ratio to the raw program's. */
    private static void printCosts(Map<String, List<Run>> runs) {
        double rawRate = median(runs.get("httpclient loop"), r -> r.succeeded / r.seconds);
        double rawCpu = median(runs.get("httpclient loop"), Run::cpuMsPerSend);
        System.out.println("| client | failed | sends/s (median) | ÷ raw | CPU ms per send (median) | ÷ raw |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        runs.forEach((client, r) -> {
            double rate = median(r, x -> x.succeeded / x.seconds);
            double cpu = median(r, Run::cpuMsPerSend);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f |%n", client,
                    r.stream().mapToInt(Run::failed).sum(), rate, rate / rawRate, cpu, cpu / rawCpu);
        });
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private interface Sender extends AutoCloseable {
        CompletableFuture<?> send(Path wav);

        @Override
        void close() throws IOException;
    }

    /** The component with its defaults; the message fails if the exchange does. */
    private static final class CamelSender implements Sender {
        private static final String URI = "together-audio:transcribe";
        private final DefaultCamelContext camel = new DefaultCamelContext();
        private final ProducerTemplate template;
        private final Endpoint endpoint;

        CamelSender(String baseUrl, boolean resolved) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(baseUrl);
            together.getConfiguration().setApiKey(TogetherAudioEmulator.DEFAULT_API_KEY);
            camel.addComponent("together-audio", together);
            camel.start();
            template = camel.createProducerTemplate();
            endpoint = resolved ? camel.getEndpoint(URI) : null;
        }

        @Override
        public CompletableFuture<?> send(Path wav) {
            CompletableFuture<Exchange> sent = endpoint != null
                    ? template.asyncSend(endpoint, e -> e.getMessage().setBody(wav.toFile()))
                    : template.asyncSend(URI, e -> e.getMessage().setBody(wav.toFile()));
            return sent.thenApply(e -> {
                if (e.getException() != null) {
                    throw new IllegalStateException(e.getException());
                }
                return e;
            });
        }

        @Override
        public void close() throws IOException {
            camel.close();
        }
    }

    /**
     * What a careful team writes by hand: a pooled HttpClient 5, {@value #CONCURRENCY} threads, and every 429
     * retried after the x-ratelimit-reset it carries (else Retry-After, else a second), for as long as it takes.
     */
    private static final class RawLoopSender implements Sender {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(CONCURRENCY).setMaxConnPerRoute(CONCURRENCY).build())
                .build();
        private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        private final String url;

        RawLoopSender(String baseUrl) {
            url = baseUrl + "/audio/transcriptions";
        }

        @Override
        public CompletableFuture<?> send(Path wav) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        Duration wait = attempt(wav);
                        if (wait == null) {
                            return null;
                        }
                        Thread.sleep(wait.toMillis());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
        }

        /** Null once transcribed; the wait before trying again after a 429. */
        private Duration attempt(Path wav) throws IOException {
            HttpPost post = new HttpPost(url);
            post.setHeader("Authorization", "Bearer " + TogetherAudioEmulator.DEFAULT_API_KEY);
            post.setEntity(MultipartEntityBuilder.create().addTextBody("model", MODEL)
                    .addBinaryBody("file", wav.toFile(), ContentType.create("audio/wav"), "voicemail.wav").build());
            return http.execute(post, response -> {
                String body = EntityUtils.toString(response.getEntity());
                if (response.getCode() == 429) {
                    return Duration.ofMillis((long) (1000 * seconds(response.getFirstHeader("x-ratelimit-reset"),
                            seconds(response.getFirstHeader("Retry-After"), 1))));
                }
                if (response.getCode() != 200) {
                    throw new IOException("HTTP " + response.getCode() + ": " + body);
                }
                JSON.readTree(body).path("text").asText();
                return null;
            });
        }

        private static double seconds(Header header, double otherwise) {
            return header == null ? otherwise : Double.parseDouble(header.getValue());
        }

        @Override
        public void close() throws IOException {
            pool.shutdown();
            http.close();
        }
    }

    /** openai-java with its defaults (two retries with backoff, honouring Retry-After), its async client. */
    private static final class OpenAiSender implements Sender {
        private final OpenAIClient client;

        OpenAiSender(String baseUrl) {
            client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(TogetherAudioEmulator.DEFAULT_API_KEY)
                    .timeout(Duration.ofMinutes(10)).build();
        }

        @Override
        public CompletableFuture<?> send(Path wav) {
            return client.async().audio().transcriptions().create(TranscriptionCreateParams.builder().model(MODEL)
                    .file(wav).build()).thenApply(Function.identity());
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
