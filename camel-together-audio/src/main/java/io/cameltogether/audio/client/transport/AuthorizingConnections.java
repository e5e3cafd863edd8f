package io.cameltogether.audio.client.transport;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriter;
import org.apache.hc.core5.http.io.SessionOutputBuffer;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import io.cameltogether.audio.client.ApiKey;

/**
 * Connections that add the {@code Authorization} header as the request head is written, to a copy of the request,
 * and the proxy's {@code Proxy-Authorization} where the proxy reads the request: on a CONNECT (which never carries
 * the API key: the proxy must not see it) and on a request forwarded in the clear (absolute-form, to an http URL).
 * Sent at once rather than after a 407, so an upload is never sent twice.
 * HttpClient logs the headers of the request object it holds ({@code org.apache.hc.client5.http.headers} at
 * DEBUG); since that object never carries the key, the key cannot reach that log. (HttpClient's raw wire log,
 * {@code org.apache.hc.client5.http.wire}, dumps every byte sent, audio and headers alike.)
 */
final class AuthorizingConnections {

    static final int MAX_HEADER_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;

    private AuthorizingConnections() {
    }

    /** @param proxyAuthorization the Proxy-Authorization value, or null */
    static ManagedHttpClientConnectionFactory factory(ApiKey apiKey, String proxyAuthorization) {
        return ManagedHttpClientConnectionFactory.builder()
                .requestWriterFactory(() -> new AuthorizingRequestWriter(apiKey, proxyAuthorization))
                // the answer's head is bounded as its body is: a server cannot fill the heap with headers
                .http1Config(Http1Config.custom().setMaxLineLength(MAX_HEADER_LINE).setMaxHeaderCount(MAX_HEADERS)
                        .build())
                .build();
    }

    private static final class AuthorizingRequestWriter extends DefaultHttpRequestWriter {

        private final ApiKey apiKey;
        private final String proxyAuthorization;

        AuthorizingRequestWriter(ApiKey apiKey, String proxyAuthorization) {
            this.apiKey = apiKey;
            this.proxyAuthorization = proxyAuthorization;
        }

        @Override
        public void write(ClassicHttpRequest request, SessionOutputBuffer buffer, OutputStream out)
                throws IOException, HttpException {
            BasicClassicHttpRequest head = new BasicClassicHttpRequest(request.getMethod(), request.getScheme(),
                    request.getAuthority(), request.getPath());
            boolean forwardedInTheClear = request.getRequestUri().startsWith("http");
            head.setAbsoluteRequestUri(forwardedInTheClear); // a forward proxy needs the absolute URI
            head.setVersion(request.getVersion());
            head.setHeaders(request.getHeaders());
            boolean tunnel = Method.CONNECT.isSame(request.getMethod());
            if (!tunnel) {
                head.setHeader(HttpHeaders.AUTHORIZATION, apiKey.bearerHeaderValue());
            }
            if (proxyAuthorization != null && (tunnel || forwardedInTheClear)) {
                head.setHeader(HttpHeaders.PROXY_AUTHORIZATION, proxyAuthorization);
            }
            super.write(head, buffer, out);
        }
    }
}
