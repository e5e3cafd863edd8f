import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the component's option mirrors from its catalog JSON (which camel-component-maven-plugin generates from
 * the @UriParam fields), so that no option list is written twice by hand:
 * <ul>
 * <li>{@code dsl}: the typed endpoint builder, one method per endpoint option except secrets (a builder renders
 * into an endpoint URI; the key belongs on the component);</li>
 * <li>{@code starter}: the Spring Boot {@code camel.component.together-audio.*} properties, one per component
 * option, with its default.</li>
 * </ul>
 * A single-file program, run by the build with {@code java -cp <the module's classpath> OptionMirrors.java
 * <catalog.json> dsl|starter <source root>}; it needs Jackson only.
 */
public final class OptionMirrors {

    private static final Map<String, String> PRIMITIVES = Map.of("java.lang.Integer", "int", "java.lang.Long", "long",
            "java.lang.Double", "double", "java.lang.Boolean", "boolean");
    private static final Set<String> BOXED = Set.of("int", "long", "double", "boolean");

    private OptionMirrors() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Path root = Path.of(args[2]);
        switch (args[1]) {
            case "dsl" -> write(root, "io.cameltogether.audio.dsl", "TogetherAudioEndpointBuilder",
                    endpointBuilder(catalog.get("properties")));
            case "starter" -> write(root, "io.cameltogether.audio.springboot", "TogetherAudioComponentConfiguration",
                    starterProperties(catalog.get("componentProperties")));
            default -> throw new IllegalArgumentException("dsl or starter, not " + args[1]);
        }
    }

    private static String endpointBuilder(JsonNode options) {
        StringBuilder java = new StringBuilder("""
                package io.cameltogether.audio.dsl;

                /**
                 * A together-audio endpoint, typed, in the style of Camel's Endpoint DSL:
                 * {@code to(togetherAudio("transcribe").model("openai/whisper-large-v3").diarize(true))}. One method per
                 * endpoint option of the catalog except secrets: a builder renders into an endpoint URI, and the key
                 * belongs on the component. Generated from the catalog by build-tools/OptionMirrors.java: do not edit.
                 */
                public final class TogetherAudioEndpointBuilder extends EndpointBuilderSupport<TogetherAudioEndpointBuilder> {

                    TogetherAudioEndpointBuilder(String operation) {
                        super(operation);
                    }
                """);
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            JsonNode o = option.getValue();
            if (!o.path("kind").asText().equals("parameter") || o.path("secret").asBoolean()) {
                continue;
            }
            String name = option.getKey();
            boolean duration = o.path("type").asText().equals("duration");
            String type = duration ? "java.time.Duration" : PRIMITIVES.getOrDefault(javaType(o), javaType(o));
            String value = duration ? "value.toMillis() + \"ms\"" : "value";
            java.append('\n').append(javadoc(o, "    "))
                    .append("    public TogetherAudioEndpointBuilder ").append(name).append('(').append(type)
                    .append(" value) {\n        return set(\"").append(name).append("\", ").append(value)
                    .append(");\n    }\n");
        }
        return java.append("}\n").toString();
    }

    private static String starterProperties(JsonNode options) {
        StringBuilder fields = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            String name = option.getKey();
            JsonNode o = option.getValue();
            if (name.equals("configuration")) {
                continue; // the component's holder of the options below, not an option of its own
            }
            boolean duration = o.path("type").asText().equals("duration");
            String type = duration ? "java.time.Duration" : boxed(javaType(o));
            fields.append(javadoc(o, "    ")).append("    private ").append(type).append(' ').append(name)
                    .append(defaultValue(o, type, duration)).append(";\n");
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            accessors.append("\n    public ").append(type).append(" get").append(capitalized).append("() {\n        return ")
                    .append(name).append(";\n    }\n\n    public void set").append(capitalized).append('(').append(type)
                    .append(' ').append(name).append(") {\n        this.").append(name).append(" = ").append(name)
                    .append(";\n    }\n");
        }
        return """
                package io.cameltogether.audio.springboot;

                import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
                import org.springframework.boot.context.properties.ConfigurationProperties;

                /**
                 * {@code camel.component.together-audio.*}: the component's options as Spring Boot properties, defaults for
                 * every together-audio endpoint. Generated from the component's catalog by build-tools/OptionMirrors.java: do
                 * not edit.
                 */
                @ConfigurationProperties(prefix = "camel.component.together-audio")
                public class TogetherAudioComponentConfiguration extends ComponentConfigurationPropertiesCommon {
                """ + fields + accessors + "}\n";
    }

    private static String javaType(JsonNode option) {
        return option.path("javaType").asText().replace('$', '.').replace("java.lang.", "");
    }

    private static String boxed(String type) {
        return BOXED.contains(type) ? switch (type) {
            case "int" -> "Integer";
            case "long" -> "Long";
            case "double" -> "Double";
            default -> "Boolean";
        } : type;
    }

    /** The default as a Java initializer, e.g. {@code = Duration.ofMillis(500)}; none without a default. */
    private static String defaultValue(JsonNode option, String type, boolean duration) {
        if (!option.hasNonNull("defaultValue")) {
            return "";
        }
        String value = option.get("defaultValue").asText();
        if (duration) {
            return " = java.time.Duration.ofMillis(" + value + ")";
        }
        return " = " + switch (type) {
            case "String" -> '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case "Integer", "Boolean" -> value;
            case "Long" -> value + "L";
            case "Double" -> value + "d";
            default -> type + "." + value.toUpperCase(Locale.ROOT); // an enum constant
        };
    }

    /** The option's description as Javadoc, wrapped at 120 columns. */
    private static String javadoc(JsonNode option, String indent) {
        String text = option.path("description").asText().replace("*/", "*&#47;").replace("&", "&amp;")
                .replace("&amp;#47;", "&#47;").replace("<", "&lt;").replace(">", "&gt;");
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && indent.length() + 3 + line.length() + 1 + word.length() > 120) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        StringBuilder doc = new StringBuilder(indent).append("/**\n");
        lines.forEach(l -> doc.append(indent).append(" * ").append(l).append('\n'));
        return doc.append(indent).append(" */\n").toString();
    }

    private static void write(Path root, String packageName, String className, String source) throws IOException {
        Path file = root.resolve(packageName.replace('.', '/')).resolve(className + ".java");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file).equals(source)) { // unchanged files keep their timestamps
            Files.writeString(file, source, StandardCharsets.UTF_8);
        }
    }
}
