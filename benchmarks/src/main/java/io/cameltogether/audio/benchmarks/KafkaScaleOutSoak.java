package io.cameltogether.audio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cameltogether.audio.emulator.ApiTarget;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;
import io.cameltogether.examples.kafkascaleout.EmbeddedKafka;
import io.cameltogether.examples.kafkascaleout.InstanceProcess;
import io.cameltogether.examples.kafkascaleout.KafkaCluster;
import io.cameltogether.examples.kafkascaleout.KafkaCluster.Result;
import io.cameltogether.examples.kafkascaleout.RecordingRoutes;

/**
 * The scale-out soak: the kafka-scale-out example's instances (JVMs of their own) share a topic of recordings on a
 * real broker (KRaft, embedded); every time another share of the recordings is transcribed, a running instance is
 * killed (SIGKILL) and a fresh one started in its place. Prints recordings transcribed, failed, lost (must be 0)
 * and transcribed more than once, and each takeover's time (kill to the first transcript from a partition the dead
 * instance held). Exits 1 if anything was lost. Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=KafkaScaleOutSoak -Drecordings=2000
 * -Dinstances=3 -Dkills=4 -DprocessingPerHour=120}.
 */
public final class KafkaScaleOutSoak {

    private static final int PARTITIONS = 12;
    private static final int SESSION_TIMEOUT_MS = 3000;

    private KafkaScaleOutSoak() {
    }

    public static void main(String[] args) throws Exception {
        int recordings = Integer.getInteger("recordings", 2000);
        int instances = Integer.getInteger("instances", 3);
        int kills = Integer.getInteger("kills", 4);
        double processingPerHour = Double.parseDouble(System.getProperty("processingPerHour", "120"));
        Path dir = Files.createTempDirectory("kafka-soak");
        Path audio = BatchBenchmark.wav(dir.resolve("call.wav"), 160_000); // 5 s of 16 kHz mono
        List<InstanceProcess> running = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             TogetherAudioEmulator emulator = new TogetherAudioEmulator()
                     .withProcessingSecondsPerAudioHour(processingPerHour).start();
             KafkaCluster cluster = new KafkaCluster(kafka.bootstrapServers())) {
            cluster.createTopics(PARTITIONS);
            Map<String, String> environment = Map.of(ApiTarget.BASE_URL_VARIABLE, emulator.baseUrl());
            for (int i = 1; i <= instances; i++) {
                running.add(start(kafka, environment, "instance-" + i));
            }
            awaitMembers(cluster, running);
            long started = System.currentTimeMillis();
            for (int i = 1; i <= recordings; i++) {
                cluster.publish(RecordingRoutes.RECORDINGS, "call-%06d".formatted(i), audio.toString());
            }
            System.out.printf(Locale.ROOT, "%d recordings published over %d partitions; %d instances, %d kills%n",
                    recordings, PARTITIONS, instances, kills);

            List<Double> takeovers = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                int due = recordings * kill / (kills + 1);
                while (cluster.readAll(RecordingRoutes.TRANSCRIPTS).size() < due) {
                    Thread.sleep(200);
                }
                InstanceProcess victim = running.remove(0);
                Set<Integer> orphaned = cluster.assignments(RecordingRoutes.GROUP).get(victim.name());
                victim.kill();
                long killedAt = System.currentTimeMillis();
                running.add(start(kafka, environment, "instance-" + (instances + kill)));
                takeovers.add((cluster.awaitTakeover(orphaned, killedAt).timestamp() - killedAt) / 1000.0);
                System.out.printf(Locale.ROOT, "killed %s (partitions %s) after %d transcripts; taken over in %.1f s%n",
                        victim.name(), orphaned, due, takeovers.get(takeovers.size() - 1));
            }
            while (!cluster.committedToTheEnd(RecordingRoutes.GROUP, RecordingRoutes.RECORDINGS)) {
                running.forEach(InstanceProcess::checkRunning);
                Thread.sleep(500);
            }
            double seconds = (System.currentTimeMillis() - started) / 1000.0;
            System.exit(report(cluster, recordings, takeovers, seconds, emulator.requests().size()) ? 0 : 1);
        } finally {
            for (InstanceProcess instance : running) {
                instance.close();
            }
            Files.deleteIfExists(audio);
            Files.deleteIfExists(dir);
        }
    }

    private static InstanceProcess start(EmbeddedKafka kafka, Map<String, String> environment, String name)
            throws Exception {
        return InstanceProcess.start(name, kafka.bootstrapServers(), 2, SESSION_TIMEOUT_MS, environment, System.out,
                line -> line.contains("Exception") || line.contains("ERROR"));
    }

    private static void awaitMembers(KafkaCluster cluster, List<InstanceProcess> running) throws Exception {
        while (cluster.assignments(RecordingRoutes.GROUP).values().stream().filter(p -> !p.isEmpty()).count()
                < running.size()) {
            running.forEach(InstanceProcess::checkRunning);
            Thread.sleep(200);
        }
    }

    private static boolean report(KafkaCluster cluster, int recordings, List<Double> takeovers, double seconds,
                                  int apiRequests) throws Exception {
        List<Result> transcripts = cluster.readAll(RecordingRoutes.TRANSCRIPTS);
        List<Result> failed = cluster.readAll(RecordingRoutes.FAILED);
        Map<String, Long> perRecording = KafkaCluster.countById(transcripts);
        long twice = perRecording.values().stream().filter(n -> n > 1).count();
        long lost = recordings - perRecording.size() - failed.size();
        Collections.sort(takeovers);
        System.out.println();
        System.out.printf(Locale.ROOT, "| recordings | transcribed | failed | lost | transcribed twice | API requests "
                + "| kills | takeover median / max | recordings/s |%n");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %.1f / %.1f s | %.1f |%n", recordings,
                perRecording.size(), failed.size(), lost, twice, apiRequests, takeovers.size(),
                takeovers.isEmpty() ? 0 : takeovers.get(takeovers.size() / 2),
                takeovers.isEmpty() ? 0 : takeovers.get(takeovers.size() - 1), recordings / seconds);
        return lost == 0;
    }
}
