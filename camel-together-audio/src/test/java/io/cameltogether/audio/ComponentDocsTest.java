package io.cameltogether.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The option and header tables of the component page are rendered from the catalog JSON, so they cannot drift:
 * this test fails when they differ. {@code mvn test -Dtest=ComponentDocsTest -Dupdate.docs=true} rewrites them.
 */
class ComponentDocsTest {

    private static final Path CATALOG = Path.of(
            "src/generated/resources/META-INF/io/cameltogether/audio/together-audio.json");
    private static final Path PAGE = Path.of("src/main/docs/together-audio-component.adoc");

    @Test
    void optionAndHeaderTablesMatchTheCatalog() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(CATALOG.toFile());
        String page = Files.readString(PAGE);
        String expected = page;
        expected = replaceSection(expected, "component options", optionTable(catalog.get("componentProperties")));
        expected = replaceSection(expected, "endpoint options", optionTable(catalog.get("properties")));
        expected = replaceSection(expected, "headers", headerTable(catalog.get("headers")));

        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(PAGE, expected);
        }
        assertEquals(expected, page, "the tables in " + PAGE + " differ from the catalog: run "
                + "mvn test -Dtest=ComponentDocsTest -Dupdate.docs=true and commit the page");
    }

    private static String replaceSection(String page, String name, String table) {
        Matcher m = Pattern.compile("(// " + name + ": START\n)(.*?)(// " + name + ": END)", Pattern.DOTALL).matcher(page);
        if (!m.find()) {
            throw new IllegalStateException(PAGE + " lacks the markers // " + name + ": START and END");
        }
        return page.substring(0, m.start(2)) + table + page.substring(m.end(2));
    }

    private static String optionTable(JsonNode options) {
        StringBuilder out = new StringBuilder("The component supports ").append(options.size()).append(" options.\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode o = option.getValue();
            out.append("| *").append(option.getKey()).append("* (").append(o.path("group").asText()).append(") | ")
                    .append(cell(o.path("description").asText()))
                    .append(o.path("secret").asBoolean() ? " The value is secret: it is masked wherever Camel prints it." : "")
                    .append(o.has("enum") ? " Values: " + o.get("enum").toString().replaceAll("[\\[\\]\"]", "")
                            .replace(",", ", ") + "." : "")
                    .append(" | ").append(o.has("defaultValue") ? cell(o.get("defaultValue").asText()) : "")
                    .append(" | ").append(cell(o.path("javaType").asText())).append('\n');
        }
        return out.append("|===\n").toString();
    }

    private static String headerTable(JsonNode headers) {
        StringBuilder out = new StringBuilder("[width=\"100%\",cols=\"2,5,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            JsonNode h = header.getValue();
            out.append("| *").append(header.getKey()).append("* (").append(h.path("kind").asText())
                    .append(h.hasNonNull("label") && !h.get("label").asText().isEmpty() ? ", " + h.get("label").asText() : "")
                    .append(") | ").append(cell(h.path("description").asText())).append(" | ")
                    .append(cell(h.path("javaType").asText())).append('\n');
        }
        return out.append("|===\n").toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    @Test
    void theRouteTestOnThePageIsTheOneTheBuildRuns() throws IOException {
        String page = Files.readString(PAGE);
        String test = Files.readString(Path.of("src/test/java/com/example/calls/CallTranscriptRouteTest.java"));

        assertTrue(page.contains("----\n" + test + "----\n"), "the page shows CallTranscriptRouteTest verbatim");
    }
}
