package io.cameltogether.audio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javazoom.jl.decoder.Decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Karaf features repository the build attaches: the component's feature takes Camel, Vert.x, HttpClient 5 and
 * Jackson from Camel Karaf's features (so nothing is installed twice), and installs as plain bundles only jars that
 * are bundles. No Karaf runs here yet.
 */
class KarafFeaturesTest {

    private static Element feature() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document features;
        try (InputStream in = Files.newInputStream(Path.of("target/features/features.xml"))) {
            features = factory.newDocumentBuilder().parse(in);
        }
        NodeList all = features.getElementsByTagNameNS("*", "feature");
        for (int i = 0; i < all.getLength(); i++) {
            Element feature = (Element) all.item(i);
            if ("camel-together-audio".equals(feature.getAttribute("name"))) {
                return feature;
            }
        }
        throw new AssertionError("no camel-together-audio feature");
    }

    private static List<Element> children(Element feature, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = feature.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getLocalName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    @Test
    void theFeatureReusesCamelKarafsFeaturesForEverythingTheyProvide() throws Exception {
        List<String> features = children(feature(), "feature").stream()
                .map(f -> f.getTextContent().trim() + " " + f.getAttribute("version")).toList();
        assertEquals(List.of("camel-core [4.10,4.15)", "camel-vertx-common [4.10,4.15)", "http-client [5,6)",
                "jackson [2.18,3)"), features);
        List<String> bundles = children(feature(), "bundle").stream().map(b -> b.getTextContent().trim()).toList();
        assertTrue(bundles.stream().noneMatch(b -> b.contains("vertx") || b.contains("httpclient5")
                || b.contains("jackson") || b.contains("org.apache.camel")), "installed twice: " + bundles);
        assertTrue(bundles.get(bundles.size() - 1).startsWith("mvn:io.cameltogether/camel-together-audio/"
                + feature().getAttribute("version")), bundles.toString());
    }

    @Test
    void jlayerIsInstalledAsTheBundleItAlreadyIsAtTheVersionTheComponentIsBuiltWith() throws Exception {
        Path jar = jarOf(Decoder.class);
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertNotNull(manifest.getMainAttributes().getValue("Bundle-SymbolicName"), jar + " is not a bundle");
            assertTrue(manifest.getMainAttributes().getValue("Export-Package").contains("javazoom.jl.decoder"));
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            assertTrue(children(feature(), "bundle").stream().map(b -> b.getTextContent().trim())
                    .anyMatch(b -> b.equals("mvn:com.googlecode.soundlibs/jlayer/" + version)), version);
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException, IOException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
