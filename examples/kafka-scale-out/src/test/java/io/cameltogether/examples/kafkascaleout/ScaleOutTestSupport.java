package io.cameltogether.examples.kafkascaleout;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.cameltogether.audio.emulator.ApiTarget;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/**
 * What every scale-out test starts: a real Kafka broker (KRaft, in this JVM) with the example's topics on four
 * partitions, and one emulator that the instances, JVMs of their own, share.
 */
abstract class ScaleOutTestSupport {

    /** Bounds a wait for the group to form or move partitions; the waits themselves end on the signal. */
    static final Duration TAKEOVER = Duration.ofMinutes(2);

    EmbeddedKafka kafka;
    TogetherAudioEmulator emulator;
    KafkaCluster cluster;

    @BeforeEach
    void startBrokerAndEmulator() throws Exception {
        kafka = EmbeddedKafka.start();
        emulator = new TogetherAudioEmulator().start();
        cluster = new KafkaCluster(kafka.bootstrapServers());
        cluster.createTopics(4);
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        emulator.close();
        kafka.close();
    }

    /** An instance with one consumer per route and a 2 s group session; its lines containing {@code shown} print. */
    InstanceProcess instance(String name, String shown) throws Exception {
        return InstanceProcess.start(name, kafka.bootstrapServers(), 1, 2000,
                Map.of(ApiTarget.BASE_URL_VARIABLE, emulator.baseUrl()), System.out,
                line -> line.contains(shown) || line.contains("Exception") || line.contains("ERROR"));
    }
}
