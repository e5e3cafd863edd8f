package io.cameltogether.audio.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.cameltogether.audio.emulator.ApiTarget;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;
import io.cameltogether.examples.kafkascaleout.EmbeddedKafka;
import io.cameltogether.examples.kafkascaleout.InstanceProcess;
import io.cameltogether.examples.kafkascaleout.KafkaCluster;
import io.cameltogether.examples.kafkascaleout.KafkaCluster.CallTranscript;
import io.cameltogether.examples.kafkascaleout.LiveCallRoutes;
import io.cameltogether.examples.kafkascaleout.LiveCalls;

/**
 * The live-call soak: the kafka-scale-out example's instances (JVMs of their own) share calls streamed to a real
 * broker (KRaft, embedded); at even times during the calls a running instance is killed (SIGKILL) and a fresh one
 * started in its place. Prints the sentences published, missing and published more than once (both must be 0),
 * and each takeover's time (kill to the first sentence of a call the dead instance held). Exits 1 on a sentence
 * missing or repeated. The emulator times its events on a consumed-speech clock, as the live server does;
 * {@code -Dbare=true} sends the bare shape without times, {@code -Dprocessed=true} the processed watermark. Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=LiveCallSoak -Dcalls=24 -Dsentences=30
 * -Dinstances=3 -Dkills=3 -Dspeed=2}.
 */
public final class LiveCallSoak {

    private static final int PARTITIONS = 12;
    private static final int SESSION_TIMEOUT_MS = 3000;
    private static final Path VOICEMAIL = Path.of("examples/transcribe-folder/samples/voicemail-anna.wav");

    private LiveCallSoak() {
    }

    public static void main(String[] args) throws Exception {
        int callCount = Integer.getInteger("calls", 24);
        int sentences = Integer.getInteger("sentences", 30);
        int instances = Integer.getInteger("instances", 3);
        int kills = Integer.getInteger("kills", 3);
        double speed = Double.parseDouble(System.getProperty("speed", "2"));
        boolean bare = Boolean.getBoolean("bare");
        boolean processed = Boolean.getBoolean("processed");
        Path voicemail = Path.of(System.getProperty("benchmarks.root", ".")).resolve(VOICEMAIL);
        List<InstanceProcess> running = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             TogetherAudioEmulator emulator = new TogetherAudioEmulator().withProcessedEvents(processed)
                     .withBareTranscriptionEvents(bare).start();
             KafkaCluster cluster = new KafkaCluster(kafka.bootstrapServers())) {
            cluster.createTopics(PARTITIONS);
            Map<String, String> environment = Map.of(ApiTarget.BASE_URL_VARIABLE, emulator.baseUrl());
            for (int i = 1; i <= instances; i++) {
                running.add(start(kafka, environment, "instance-" + i));
            }
            while (cluster.assignments(LiveCallRoutes.GROUP).values().stream().filter(p -> !p.isEmpty()).count()
                    < instances) {
                running.forEach(InstanceProcess::checkRunning);
                Thread.sleep(200);
            }
            LiveCalls liveCalls = LiveCalls.of(voicemail);
            Map<String, byte[]> calls = new LinkedHashMap<>();
            Map<String, Integer> partitionOf = new LinkedHashMap<>();
            for (int i = 1; i <= callCount; i++) {
                String callId = "call-%04d".formatted(i);
                calls.put(callId, liveCalls.call(sentences, 0));
                partitionOf.put(callId, cluster.partitionOf(LiveCallRoutes.CALL_AUDIO, callId));
            }
            double streamSeconds = sentences * LiveCalls.SLOT_MS / 1000.0 / speed;
            System.out.printf(Locale.ROOT, "%d calls of %d sentences over %d partitions at %.1fx (%.0f s); %d "
                    + "instances, %d kills; events %s, %s the processed watermark%n", callCount, sentences, PARTITIONS,
                    speed, streamSeconds, instances, kills, bare ? "bare" : "timed on a consumed-speech clock",
                    processed ? "with" : "without");
            long started = System.currentTimeMillis();
            CompletableFuture<Void> streamed = CompletableFuture.runAsync(() -> {
                try {
                    LiveCalls.stream(cluster, calls, speed);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            List<Double> takeovers = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                long due = started + (long) (streamSeconds * 1000 * kill / (kills + 1));
                Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                InstanceProcess victim = running.remove(0);
                Set<Integer> orphaned = cluster.assignments(LiveCallRoutes.GROUP).get(victim.name());
                victim.kill();
                long killedAt = System.currentTimeMillis();
                running.add(start(kafka, environment, "instance-" + (instances + kill)));
                Set<String> orphanedCalls = partitionOf.entrySet().stream()
                        .filter(c -> orphaned.contains(c.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
                double takeover = awaitTakeover(cluster, orphanedCalls, killedAt);
                takeovers.add(takeover);
                System.out.printf(Locale.ROOT, "killed %s (partitions %s, %d calls); taken over in %.1f s%n",
                        victim.name(), orphaned, orphanedCalls.size(), takeover);
            }
            streamed.join();
            while (!cluster.committedToTheEnd(LiveCallRoutes.GROUP, LiveCallRoutes.CALL_AUDIO)) {
                running.forEach(InstanceProcess::checkRunning);
                Thread.sleep(500);
            }
            System.exit(report(cluster.readCallTranscripts(), calls.keySet(), sentences, takeovers,
                    emulator.realtimeSessions().size()) ? 0 : 1);
        } finally {
            for (InstanceProcess instance : running) {
                instance.close();
            }
        }
    }

    private static InstanceProcess start(EmbeddedKafka kafka, Map<String, String> environment, String name)
            throws Exception {
        return InstanceProcess.start(name, kafka.bootstrapServers(), 1, SESSION_TIMEOUT_MS, environment, System.out,
                line -> line.contains("Exception") || line.contains("ERROR") || line.contains("will not be covered"));
    }

    /** Seconds from the kill to the first sentence of one of these calls published since. */
    private static double awaitTakeover(KafkaCluster cluster, Set<String> calls, long killedAt) throws Exception {
        if (calls.isEmpty()) {
            return 0;
        }
        while (true) {
            for (CallTranscript t : cluster.readCallTranscripts()) {
                if (t.timestamp() > killedAt && calls.contains(t.callId())) {
                    return (t.timestamp() - killedAt) / 1000.0;
                }
            }
            Thread.sleep(100);
        }
    }

    private static boolean report(List<CallTranscript> transcripts, Set<String> calls, int sentences,
                                  List<Double> takeovers, int sessions) {
        Map<String, Long> perSentence = transcripts.stream().collect(Collectors.groupingBy(
                t -> t.callId() + "#" + LiveCalls.sentenceAt(t.startMs(), 0), Collectors.counting()));
        long expected = (long) calls.size() * sentences;
        long missing = 0;
        for (String callId : calls) {
            for (int n = 0; n < sentences; n++) {
                missing += perSentence.containsKey(callId + "#" + n) ? 0 : 1;
            }
        }
        long twice = perSentence.values().stream().filter(n -> n > 1).count();
        long extra = perSentence.size() - (expected - missing);
        Collections.sort(takeovers);
        System.out.println();
        System.out.println("| calls | sentences | published | missing | published twice | not a sentence | sessions "
                + "| kills | takeover median / max |");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d | %.1f / %.1f s |%n", calls.size(),
                expected, transcripts.size(), missing, twice, extra, sessions, takeovers.size(),
                takeovers.isEmpty() ? 0 : takeovers.get(takeovers.size() / 2),
                takeovers.isEmpty() ? 0 : takeovers.get(takeovers.size() - 1));
        return missing == 0 && twice == 0 && extra == 0;
    }
}
