package io.cameltogether.karaf;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.cameltogether.audio.emulator.TogetherAudioEmulator;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

/**
 * The component in a running Apache Karaf, installed as its README says: Camel Karaf's features repository, then the
 * component's, then {@code feature:install camel-together-audio}. In Karaf, routes on camel-core-osgi's context
 * transcribe a recording and stream one realtime exchange, against the emulator, which runs in this test's JVM
 * (Pax Exam calls {@link #configuration()} here and runs the tests inside Karaf).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ComponentOnKarafTest {

    private static final String FEATURE = "camel-together-audio";
    private static final String PAX_URL_MVN = "etc/org.ops4j.pax.url.mvn.cfg";
    private static final String SAMPLE = "../examples/transcribe-folder/samples/voicemail-anna.wav";

    @Inject
    private BundleContext bundleContext;
    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] configuration() {
        TogetherAudioEmulator emulator = DriverEmulator.INSTANCE;
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven("org.apache.karaf", "apache-karaf", System.getProperty("karaf.version"))
                            .type("tar.gz"))
                    .unpackDirectory(new File(System.getProperty("karaf.directory")))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            // the build's own artifacts beside Karaf's system repository, then the local repository, then Central
            editConfigurationFileExtend(PAX_URL_MVN, "org.ops4j.pax.url.mvn.defaultRepositories",
                    new File(System.getProperty("reactor.repository")).toURI() + "@snapshots@id=reactor"),
            editConfigurationFilePut(PAX_URL_MVN, "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            editConfigurationFilePut(PAX_URL_MVN, "org.ops4j.pax.url.mvn.repositories",
                    "https://repo.maven.apache.org/maven2@id=central"),
            propagate("camel.karaf.features"),
            propagate("project.version"),
            systemProperty("together.baseUrl").value(emulator.baseUrl()),
            systemProperty("together.apiKey").value(emulator.apiKey()),
            systemProperty("together.sample").value(Path.of(SAMPLE).toAbsolutePath().toString()),
        };
    }

    /** feature:repo-add of Camel Karaf's repository and the component's, then feature:install camel-together-audio. */
    @Before
    public void installTheComponentAsTheReadmeSays() throws Exception {
        if (features.getFeature(FEATURE) != null && features.isInstalled(features.getFeature(FEATURE))) {
            return;
        }
        features.addRepository(URI.create(System.getProperty("camel.karaf.features")));
        features.addRepository(URI.create("mvn:io.cameltogether/camel-together-audio/"
                + System.getProperty("project.version") + "/xml/features"));
        features.installFeature(FEATURE);
    }

    @Test
    public void aRouteTranscribesARecording() throws Exception {
        String transcript = CamelInKaraf.transcribe(bundleContext, new File(System.getProperty("together.sample")));

        assertTrue(transcript, transcript.startsWith("(emulated)"));
    }

    @Test
    public void aRealtimeExchangeStreamsThroughVertxAndReturnsItsTranscript() throws Exception {
        String transcript = CamelInKaraf.stream(bundleContext, new File(System.getProperty("together.sample")));

        assertTrue(transcript, transcript.startsWith("(emulated)"));
    }

    @Test
    public void eachLibraryIsInstalledOnce() {
        Map<String, List<String>> versionsByLibrary = new TreeMap<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            String library = bundle.getSymbolicName().replaceFirst("^wrap_", "");
            versionsByLibrary.computeIfAbsent(library, l -> new ArrayList<>()).add(bundle.getVersion().toString());
        }

        versionsByLibrary.forEach((library, versions) -> assertEquals(library + " " + versions, 1, versions.size()));
        assertEquals("one Netty: " + versionsByLibrary, 1, versionsByLibrary.entrySet().stream()
                .filter(e -> e.getKey().startsWith("io.netty.")).map(Map.Entry::getValue).distinct().count());
        for (String library : List.of("io.cameltogether.camel-together-audio", "io.vertx.vertx-core",
                "org.apache.httpcomponents.client5.httpclient5", "org.apache.httpcomponents.core5.httpcore5-h2",
                "com.fasterxml.jackson.core.jackson-databind", "io.netty.codec-http", "io.netty.codec-http2")) {
            assertTrue(library + " in " + versionsByLibrary.keySet(), versionsByLibrary.containsKey(library));
        }
    }

    /**
     * The emulator, started once in the driver JVM: Pax Exam calls {@link #configuration()} there and runs the tests
     * in Karaf, which cannot reach back to stop it. It ends with the test JVM (closing it in a shutdown hook held
     * that JVM's exit up for surefire's 30 s).
     */
    private static final class DriverEmulator {
        static final TogetherAudioEmulator INSTANCE = new TogetherAudioEmulator().start();
    }

    private static Option propagate(String name) {
        return systemProperty(name).value(System.getProperty(name));
    }
}
