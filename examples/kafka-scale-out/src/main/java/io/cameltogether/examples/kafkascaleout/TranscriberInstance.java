package io.cameltogether.examples.kafkascaleout;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.main.Main;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.ApiTarget;

/**
 * One instance of the transcription service, as each machine of a deployment runs it: the {@link RecordingRoutes}
 * and the {@link LiveCallRoutes} in a Camel Main until stopped. System properties: {@code kafka.bootstrap} (required), {@code instance} (its name,
 * default {@code instance-<pid>}), {@code consumers} (consumer threads, default 2), {@code sessionTimeoutMs}
 * (default 10000). The API is chosen as in every example: TOGETHER_BASE_URL, TOGETHER_API_KEY, else an emulator.
 */
public final class TranscriberInstance {

    private TranscriberInstance() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getProperty("kafka.bootstrap");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("set -Dkafka.bootstrap=host:port to the Kafka cluster to join");
        }
        String instance = System.getProperty("instance", "instance-" + ProcessHandle.current().pid());
        try (ApiTarget api = ApiTarget.fromEnvironment()) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(api.baseUrl());
            together.getConfiguration().setApiKey(api.apiKey());
            KafkaComponent kafka = new KafkaComponent();
            kafka.getConfiguration().setBrokers(bootstrap);

            Main main = new Main();
            main.bind("together-audio", together);
            main.bind("kafka", kafka);
            int sessionTimeoutMs = Integer.getInteger("sessionTimeoutMs", 10_000);
            main.configure().addRoutesBuilder(new RecordingRoutes(bootstrap, instance,
                    Integer.getInteger("consumers", 2), sessionTimeoutMs));
            main.configure().addRoutesBuilder(new LiveCallRoutes(bootstrap, instance, sessionTimeoutMs));
            main.run();
        }
    }
}
