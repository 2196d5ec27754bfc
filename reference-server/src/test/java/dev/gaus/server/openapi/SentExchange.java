package dev.gaus.server.openapi;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One exchange as it went over the wire: the request the test sent (its body read back from the
 * JDK client's body publisher, which replays for every subscriber) and the answer received.
 */
record SentExchange(String method, String path, String query, HttpHeaders requestHeaders, byte[] requestBody,
        int status, HttpHeaders responseHeaders, byte[] responseBody) {

    static SentExchange of(HttpResponse<?> response) {
        HttpRequest request = response.request();
        return new SentExchange(request.method(), request.uri().getRawPath(), request.uri().getRawQuery(),
                request.headers(), body(request), response.statusCode(), response.headers(), body(response.body()));
    }

    private static byte[] body(Object received) {
        if (received instanceof byte[] bytes) {
            return bytes;
        }
        if (received instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (received == null) {
            return new byte[0]; // a discarded body (HEAD, 304)
        }
        throw new IllegalArgumentException("read the answer as a String, byte[] or discard it, not as "
                + received.getClass().getSimpleName());
    }

    private static byte[] body(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the request body could not be read back", e);
        }
        return out.toByteArray();
    }

    Optional<String> requestHeader(String name) {
        return requestHeaders.firstValue(name);
    }

    /** The raw value of the first {@code name=value} of the query; a name alone has the empty value. */
    Optional<String> queryParameter(String name) {
        if (query == null) {
            return Optional.empty();
        }
        return Arrays.stream(query.split("&")).filter(p -> p.equals(name) || p.startsWith(name + "="))
                .map(p -> p.substring(Math.min(p.length(), name.length() + 1))).findFirst();
    }

    Optional<String> responseHeader(String name) {
        return responseHeaders.firstValue(name);
    }

    List<String> responseHeaderValues(String name) {
        return responseHeaders.allValues(name);
    }
}
