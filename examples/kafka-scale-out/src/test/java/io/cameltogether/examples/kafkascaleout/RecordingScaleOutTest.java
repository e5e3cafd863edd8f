package io.cameltogether.examples.kafkascaleout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.examples.kafkascaleout.KafkaCluster.Result;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instances in JVMs of their own share recordings through a real Kafka broker (KRaft, in this JVM) and one
 * emulator: each recording ends as exactly one transcript or one failure, also when an instance is killed with a
 * request in flight.
 */
class RecordingScaleOutTest extends ScaleOutTestSupport {

    private static final Path RECORDING = Path.of("../transcribe-folder/samples/voicemail-anna.wav").toAbsolutePath();

    @Test
    void aRecordingInFlightOnAKilledInstanceIsTranscribedOnceByTheInstanceThatTakesItsPartitionOver()
            throws Exception {
        CompletableFuture<Void> answers = new CompletableFuture<>();
        emulator.enqueue(Fault.holdUntil(answers), Fault.holdUntil(answers));
        try (InstanceProcess a = instance("instance-a", "recording");
             InstanceProcess b = instance("instance-b", "recording")) {
            await().atMost(TAKEOVER).until(() -> cluster.assignments(RecordingRoutes.GROUP).values().stream()
                    .filter(partitions -> !partitions.isEmpty()).count() == 2);
            Set<Integer> partitionsOfA = cluster.assignments(RecordingRoutes.GROUP).get("instance-a");
            List<String> ids = publish(20);

            // one consumer each, one request at a time: two held answers mean both instances are mid-request
            await().atMost(TAKEOVER).until(() -> emulator.heldRequests() == 2);
            a.kill();
            answers.complete(null);

            await().atMost(TAKEOVER).until(() -> cluster.committedToTheEnd(RecordingRoutes.GROUP,
                    RecordingRoutes.RECORDINGS));
            List<Result> transcripts = cluster.readAll(RecordingRoutes.TRANSCRIPTS);
            assertEquals(ids, List.copyOf(KafkaCluster.countById(transcripts).keySet()), "every recording transcribed");
            assertEquals(Set.of(1L), Set.copyOf(KafkaCluster.countById(transcripts).values()), "none transcribed twice");
            assertTrue(cluster.readAll(RecordingRoutes.FAILED).isEmpty());
            assertTrue(transcripts.stream().anyMatch(t -> t.transcribedBy().equals("instance-b")
                    && partitionsOfA.contains(t.sourcePartition())), "instance-b took over instance-a's partitions");
        }
    }

    @Test
    void aRecordingPublishedTwiceIsTranscribedOnce() throws Exception {
        try (InstanceProcess a = instance("instance-a", "recording")) {
            List<String> ids = publish(3);
            cluster.publish(RecordingRoutes.RECORDINGS, ids.get(0), RECORDING.toString());

            await().atMost(TAKEOVER).until(() -> cluster.committedToTheEnd(RecordingRoutes.GROUP,
                    RecordingRoutes.RECORDINGS));
            assertEquals(Map.of(ids.get(0), 1L, ids.get(1), 1L, ids.get(2), 1L),
                    KafkaCluster.countById(cluster.readAll(RecordingRoutes.TRANSCRIPTS)));
            assertEquals(3, emulator.requests().size(), "the repeated id was not sent to the API");
        }
    }

    @Test
    void aRecordingThatCannotBeTranscribedEndsOnTheFailedTopicWithItsError() throws Exception {
        try (InstanceProcess a = instance("instance-a", "recording")) {
            cluster.publish(RecordingRoutes.RECORDINGS, "call-missing", "/recordings/not-there.wav");
            List<String> ids = publish(2);

            await().atMost(TAKEOVER).until(() -> cluster.committedToTheEnd(RecordingRoutes.GROUP,
                    RecordingRoutes.RECORDINGS));
            List<Result> failed = cluster.readAll(RecordingRoutes.FAILED);
            assertEquals(1, failed.size());
            assertEquals("call-missing", failed.get(0).recordingId());
            assertEquals("/recordings/not-there.wav", failed.get(0).value());
            assertTrue(failed.get(0).error().contains("not-there.wav"), failed.get(0).error());
            assertEquals(ids, List.copyOf(KafkaCluster.countById(cluster.readAll(RecordingRoutes.TRANSCRIPTS)).keySet()));
        }
    }

    private List<String> publish(int count) throws Exception {
        List<String> ids = IntStream.rangeClosed(1, count).mapToObj("call-%03d"::formatted).toList();
        for (String id : ids) {
            cluster.publish(RecordingRoutes.RECORDINGS, id, RECORDING.toString());
        }
        return ids;
    }
}
