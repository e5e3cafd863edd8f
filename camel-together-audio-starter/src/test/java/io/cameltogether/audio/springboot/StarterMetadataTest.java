package io.cameltogether.audio.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starter's properties and the component's options cannot drift apart: every option in the component's
 * catalog is a documented property with the same default, and every property is an option.
 */
class StarterMetadataTest {

    private static final String PREFIX = "camel.component.together-audio.";
    private static final Set<String> STARTER_ONLY = Set.of("enabled", "customizer.enabled");

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = StarterMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void everyComponentOptionIsADocumentedPropertyWithTheSameDefault() throws IOException {
        JsonNode catalog = read("META-INF/io/cameltogether/audio/together-audio.json").get("componentProperties");
        Map<String, JsonNode> properties = new HashMap<>();
        read("META-INF/spring-configuration-metadata.json").get("properties")
                .forEach(p -> properties.put(p.get("name").asText(), p));

        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            if (option.getKey().equals("configuration")) {
                continue; // the component's nested holder of the options below
            }
            JsonNode property = properties.get(PREFIX + kebab(option.getKey()));
            assertTrue(property != null, "no property for option " + option.getKey());
            assertFalse(property.path("description").asText().isBlank(), option.getKey() + " is undocumented");
            if (option.getValue().has("defaultValue")) {
                String expected = option.getValue().get("defaultValue").asText();
                String actual = property.path("defaultValue").asText().replaceAll("ms$", "");
                assertEquals(relaxed(expected), relaxed(actual), "default of " + option.getKey());
            }
            checked++;
        }
        assertTrue(checked > 40, "checked " + checked + " options");
        properties.keySet().stream().filter(name -> name.startsWith(PREFIX))
                .map(name -> name.substring(PREFIX.length())).filter(name -> !STARTER_ONLY.contains(name))
                .forEach(name -> assertTrue(hasOption(catalog, name), "property " + name + " is not a component option"));
    }

    /** As Spring Boot's relaxed binding compares values: case and '-' versus '_' do not matter. */
    private static String relaxed(String value) {
        return value.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private static boolean hasOption(JsonNode catalog, String kebabName) {
        for (Iterator<String> names = catalog.fieldNames(); names.hasNext(); ) {
            if (kebab(names.next()).equals(kebabName)) {
                return true;
            }
        }
        return false;
    }
}
