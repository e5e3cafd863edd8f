package io.cameltogether.audio.network;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP forward proxy on loopback, Jetty's: CONNECT tunnels (https, wss and Vert.x's ws) through its
 * ConnectHandler, requests in the clear through its ProxyHandler. It can demand Basic credentials, and records
 * what it was asked, with the authorization headers it saw.
 */
final class ForwardProxy implements AutoCloseable {

    /** One request the proxy received. */
    record Seen(String method, String target, String authorization, String proxyAuthorization) {
    }

    private final Server server = new Server();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final String requiredCredentials;

    /** @param username null for a proxy that needs no credentials */
    ForwardProxy(String username, String password) throws Exception {
        this.requiredCredentials = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ConnectHandler tunnels = new ConnectHandler(new ProxyHandler.Forward());
        server.setHandler(new Handler.Wrapper(tunnels) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String proxyAuthorization = request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION);
                seen.add(new Seen(request.getMethod(), request.getHttpURI().toString(),
                        request.getHeaders().get(HttpHeader.AUTHORIZATION), proxyAuthorization));
                if (requiredCredentials != null && !requiredCredentials.equals(proxyAuthorization)) {
                    response.setStatus(407);
                    response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"test proxy\"");
                    callback.succeeded();
                    return true;
                }
                return super.handle(request, response, callback);
            }
        });
        server.start();
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
