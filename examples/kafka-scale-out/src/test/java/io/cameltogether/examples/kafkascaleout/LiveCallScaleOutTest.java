package io.cameltogether.examples.kafkascaleout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.examples.kafkascaleout.KafkaCluster.CallTranscript;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live calls shared by instances in JVMs of their own through a real Kafka broker (KRaft, in this JVM) and one
 * emulator: when an instance is killed mid-call, the instance that takes its partitions over carries its calls on,
 * and every sentence of every call is published exactly once.
 */
class LiveCallScaleOutTest extends ScaleOutTestSupport {

    private static final Path VOICEMAIL = Path.of("../transcribe-folder/samples/voicemail-anna.wav").toAbsolutePath();
    private static final int SENTENCES = 10;
    /** Calls are streamed four times faster than spoken: the emulator's voice detection goes by samples, not time. */
    private static final double SPEED = 4;

    @Test
    void theCallsOfAKilledInstanceGoOnElsewhereWithEverySentencePublishedOnce() throws Exception {
        try (InstanceProcess a = instance("instance-a", "call"); InstanceProcess b = instance("instance-b", "call")) {
            await().atMost(TAKEOVER).until(() -> cluster.assignments(LiveCallRoutes.GROUP).values().stream()
                    .filter(partitions -> !partitions.isEmpty()).count() == 2);
            Map<String, Set<Integer>> assignments = cluster.assignments(LiveCallRoutes.GROUP);
            List<String> callsOfA = twoCallsOn(assignments.get("instance-a").iterator().next());
            List<String> callIds = new ArrayList<>(callsOfA);
            callIds.addAll(twoCallsOn(assignments.get("instance-b").iterator().next()));
            // each partition carries two calls half a slot apart: the partition's offset is held back by the call
            // behind, so the new owner reads sentences of the other call again, which must not be published twice
            LiveCalls liveCalls = LiveCalls.of(VOICEMAIL);
            Map<String, byte[]> calls = new LinkedHashMap<>();
            callIds.forEach(id -> calls.put(id, liveCalls.call(SENTENCES, leadIn(id))));
            CompletableFuture<Void> streamed = CompletableFuture.runAsync(() -> {
                try {
                    LiveCalls.stream(cluster, calls, SPEED);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // instance-a is mid-call: some sentences of its calls are out, most are still to come
            await().atMost(TAKEOVER).until(() -> cluster.readCallTranscripts().stream()
                    .filter(t -> t.transcribedBy().equals("instance-a")).count() >= 3);
            a.kill();
            long killedAt = System.currentTimeMillis();
            streamed.join();

            await().atMost(TAKEOVER).until(() -> cluster.committedToTheEnd(LiveCallRoutes.GROUP,
                    LiveCallRoutes.CALL_AUDIO));
            List<CallTranscript> transcripts = cluster.readCallTranscripts();
            callIds.forEach(callId -> assertEverySentenceOnce(transcripts, callId));
            CallTranscript takenOver = transcripts.stream().filter(t -> t.timestamp() > killedAt
                    && callsOfA.contains(t.callId())).findFirst().orElseThrow();
            assertEquals("instance-b", takenOver.transcribedBy());
            assertTrue(transcripts.stream().anyMatch(t -> callsOfA.contains(t.callId()) && t.timestamp() < killedAt
                    && t.transcribedBy().equals("instance-a")), "instance-a had begun its calls");
            System.out.printf("instance-b published its first sentence of instance-a's calls %.1f s after the kill%n",
                    (takenOver.timestamp() - killedAt) / 1000.0);
        }
    }

    @Test
    void aSentenceWhoseTranscriptionFailedIsReadAgainFromKafkaAndPublishedOnce() throws Exception {
        emulator.enqueue(RealtimeFault.turnFailed("server_error"));
        try (InstanceProcess a = instance("instance-a", "call")) {
            await().atMost(TAKEOVER).until(() -> !cluster.assignments(LiveCallRoutes.GROUP)
                    .getOrDefault("instance-a", Set.of()).isEmpty());

            LiveCalls.stream(cluster, Map.of("call-1", LiveCalls.of(VOICEMAIL).call(SENTENCES, 0)), SPEED);

            await().atMost(TAKEOVER).until(() -> cluster.committedToTheEnd(LiveCallRoutes.GROUP,
                    LiveCallRoutes.CALL_AUDIO));
            assertEverySentenceOnce(cluster.readCallTranscripts(), "call-1");
            assertTrue(emulator.realtimeSessions().size() >= 2, "the failed sentence's audio went to a new session");
        }
    }

    @Test
    void chunksThatCannotBeReadEndOnTheFailedTopicWithTheirErrorAndTheCallGoesOn() throws Exception {
        try (InstanceProcess a = instance("instance-a", "call")) {
            await().atMost(TAKEOVER).until(() -> !cluster.assignments(LiveCallRoutes.GROUP)
                    .getOrDefault("instance-a", Set.of()).isEmpty());

            cluster.publish(LiveCallRoutes.CALL_AUDIO, "call-1", new byte[3],
                    Map.of(LiveCallRoutes.POSITION_HEADER, "0"));
            cluster.publish(LiveCallRoutes.CALL_AUDIO, "call-1", new byte[3200], Map.of());
            LiveCalls.stream(cluster, Map.of("call-1", LiveCalls.of(VOICEMAIL).call(SENTENCES, 0)), SPEED);

            await().atMost(TAKEOVER).until(() -> cluster.committedToTheEnd(LiveCallRoutes.GROUP,
                    LiveCallRoutes.CALL_AUDIO));
            List<Map.Entry<String, String>> failed = cluster.readFailedChunks();
            assertEquals(2, failed.size(), failed::toString);
            assertTrue(failed.get(0).getValue().contains("16-bit samples"), failed.get(0).getValue());
            assertTrue(failed.get(1).getValue().contains(LiveCallRoutes.POSITION_HEADER), failed.get(1).getValue());
            assertEverySentenceOnce(cluster.readCallTranscripts(), "call-1");
        }
    }

    private static void assertEverySentenceOnce(List<CallTranscript> transcripts, String callId) {
        List<CallTranscript> ofCall = transcripts.stream().filter(t -> t.callId().equals(callId)).toList();
        Map<Integer, Long> everySentenceOnce = IntStream.range(0, SENTENCES).boxed()
                .collect(Collectors.toMap(n -> n, n -> 1L, (x, y) -> x, TreeMap::new));
        assertEquals(everySentenceOnce, ofCall.stream().collect(Collectors.groupingBy(
                t -> LiveCalls.sentenceAt(t.startMs(), leadIn(callId)), TreeMap::new, Collectors.counting())),
                () -> "sentences of " + callId + " published: " + ofCall);
    }

    /** Two call ids whose audio goes to this partition: the first starts at once, the second half a slot later. */
    private List<String> twoCallsOn(int partition) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int n = 1; ids.size() < 2; n++) {
            String id = "call-" + partition + "-" + n + (ids.isEmpty() ? "" : "-late");
            if (cluster.partitionOf(LiveCallRoutes.CALL_AUDIO, id) == partition) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static int leadIn(String callId) {
        return callId.endsWith("-late") ? LiveCalls.SLOT_MS / 2 : 0;
    }
}
