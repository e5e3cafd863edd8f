package io.cameltogether.audio.springboot;

import java.util.Set;

import io.vertx.core.Vertx;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets object-typed properties name a bean: {@code camel.component.together-audio.vertx=#bean:myVertx}.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
public class TogetherAudioComponentConverter implements GenericConverter {

    private static final String BEAN_PREFIX = "#bean:";

    private final ApplicationContext applicationContext;

    public TogetherAudioComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, Vertx.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        String value = source == null ? "" : source.toString();
        if (!value.startsWith(BEAN_PREFIX)) {
            throw new IllegalArgumentException("camel.component.together-audio: '" + value + "' is not a bean reference; "
                    + "use " + BEAN_PREFIX + "name");
        }
        return applicationContext.getBean(value.substring(BEAN_PREFIX.length()), targetType.getType());
    }
}
