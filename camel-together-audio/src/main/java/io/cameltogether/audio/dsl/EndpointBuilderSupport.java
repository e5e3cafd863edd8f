package io.cameltogether.audio.dsl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Expression;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.util.URISupport;

/**
 * What the generated {@link TogetherAudioEndpointBuilder} does besides naming the options: it collects them, renders
 * the endpoint URI, and resolves the endpoint, or (in {@code toD}) an expression evaluated per message.
 *
 * @param <B> the builder, returned by every option method for chaining
 */
public abstract class EndpointBuilderSupport<B extends EndpointBuilderSupport<B>>
        implements EndpointProducerBuilder, EndpointConsumerBuilder {

    private final String operation;
    private final Map<String, Object> options = new LinkedHashMap<>();

    EndpointBuilderSupport(String operation) {
        this.operation = operation;
    }

    @SuppressWarnings("unchecked")
    B set(String name, Object value) {
        options.put(name, value);
        return (B) this;
    }

    @Override
    public String getRawUri() {
        return uri(options);
    }

    private String uri(Map<String, Object> values) {
        try {
            return "together-audio:" + operation + (values.isEmpty() ? "" : "?" + URISupport.createQueryString(values));
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot render the endpoint URI of " + values.keySet(), e);
        }
    }

    @Override
    public void doSetProperty(String name, Object value) {
        options.put(name, value);
    }

    @Override
    public void doSetMultiValueProperty(String name, String key, Object value) {
        throw new UnsupportedOperationException("together-audio has no multi-value options");
    }

    @Override
    public void doSetMultiValueProperties(String name, String prefix, Map<String, Object> values) {
        throw new UnsupportedOperationException("together-audio has no multi-value options");
    }

    /**
     * The URI as a simple expression, evaluated per message as Camel's own endpoint builders are in
     * {@code toD(...)}. A value holding an expression goes in as {@code RAW{...}}, so that what it evaluates to (an
     * ampersand, say) stays one value. Each distinct URI is an endpoint of its own, with its own connections and
     * request limits: for a value that changes per message, such as a prompt, prefer its header
     * ({@code CamelTogetherAudioPrompt}) on one endpoint.
     */
    @Override
    public Expression expr(CamelContext camelContext) {
        Map<String, Object> dynamic = new LinkedHashMap<>();
        options.forEach((name, value) -> dynamic.put(name, value instanceof String text && text.contains("${")
                ? "RAW{" + text + "}" : value));
        return camelContext.resolveLanguage("simple").createExpression(uri(dynamic));
    }

    /** Plain values go in the URI, so producer and consumer built alike share one endpoint; objects as parameters. */
    @Override
    public Endpoint resolve(CamelContext context) {
        boolean objects = options.values().stream()
                .anyMatch(v -> !(v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Enum));
        return objects ? context.getEndpoint("together-audio:" + operation, new LinkedHashMap<>(options))
                : context.getEndpoint(getRawUri());
    }

    @Override
    public <T extends Endpoint> T resolve(CamelContext context, Class<T> endpointType) {
        return endpointType.cast(resolve(context));
    }

    @Override
    public String toString() {
        return getRawUri();
    }
}
