package io.cameltogether.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar carries an OSGi bundle manifest: named, versioned, its packages exported, its Camel imports ranged to the
 * lines the camel-versions modules run it on, its Vert.x and HttpClient 5 imports open to Camel Karaf's wraps, its
 * Jackson imports open to Camel Karaf 4.10's Jackson. No OSGi framework resolves it here yet.
 */
class OsgiManifestTest {

    @Test
    void manifestDeclaresTheBundleItsExportsAndVersionedImports() throws IOException {
        Attributes manifest;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in).getMainAttributes();
        }

        assertEquals("2", manifest.getValue("Bundle-ManifestVersion"));
        assertEquals("io.cameltogether.camel-together-audio", manifest.getValue("Bundle-SymbolicName"));
        String exports = manifest.getValue("Export-Package");
        for (String pkg : new String[] { "io.cameltogether.audio;", "io.cameltogether.audio.batch;",
                "io.cameltogether.audio.realtime;", "io.cameltogether.audio.client;", "io.cameltogether.audio.client.realtime;" }) {
            assertTrue(exports.contains(pkg), pkg + " exported");
        }
        String imports = manifest.getValue("Import-Package");
        // Camel Karaf wraps Vert.x and HttpClient 5, exporting their packages at 0.0.0: any range would fail there
        for (String pkg : new String[] { "org.apache.camel;version=\"[4.10,5)\"", "io.vertx.core;version=0",
                "org.apache.hc.client5.http.entity.mime;version=0", "org.apache.hc.core5.http;version=0",
                "com.fasterxml.jackson.databind;version=\"[2.18,3)\"",
                "io.micrometer.core.instrument;resolution:=optional;version=\"[1.13,2)\"" }) {
            assertTrue(imports.contains(pkg), pkg + " in " + imports);
        }
        assertTrue(imports.contains("org.apache.camel.impl.health;version=\"[4.10,5)\""), "health checks need camel-health");
        assertFalse(imports.contains("java.util"), "no java.* imports, which frameworks before OSGi R8 reject");
    }
}
