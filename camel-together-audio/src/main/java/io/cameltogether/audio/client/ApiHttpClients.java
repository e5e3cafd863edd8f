package io.cameltogether.audio.client;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HttpClient every call to the API goes through: pooled keep-alive connections that add the key as the request
 * head is written ({@link AuthorizingConnections}), no automatic retries, redirects or cookies.
 */
final class ApiHttpClients {

    private ApiHttpClients() {
    }

    static CloseableHttpClient create(ApiKey apiKey, Duration connectTimeout, Duration requestTimeout,
                                      int maxConnections) {
        Timeout response = Timeout.of(requestTimeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(response)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .setConnectionFactory(AuthorizingConnections.factory(apiKey))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(response)
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .setUserAgent(UserAgent.VALUE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }
}
