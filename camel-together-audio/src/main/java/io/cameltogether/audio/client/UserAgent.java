package io.cameltogether.audio.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code camel-together-audio/<version> (Java <version>)}, the version filtered in at build time. */
public final class UserAgent {

    public static final String VERSION = readVersion();
    public static final String VALUE = "camel-together-audio/" + VERSION + " (Java " + Runtime.version().feature() + ")";

    private UserAgent() {
    }

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
