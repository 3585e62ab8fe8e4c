package org.takedown.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to the API of a running Takedown, with or without an API key. */
public final class ApiClient {

    private final String base;
    private final HttpClient client = HttpClient.newHttpClient();

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(authorize(request, token));
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return send(authorize(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                token));
    }

    /** Posts a JSON body with {@code Expect: 100-continue}: the server may refuse before the body is sent. */
    public HttpResponse<String> postExpectingContinue(String path, String token, byte[] body) {
        return send(authorize(
                HttpRequest.newBuilder(URI.create(base + path))
                        .expectContinue(true)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                token));
    }

    /** Posts a body whose length is not declared (chunked transfer encoding). */
    public HttpResponse<String> postChunked(String path, String token, byte[] body) {
        return send(authorize(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))),
                token));
    }

    /** Posts a body of the given content type. */
    public HttpResponse<String> post(String path, String token, String contentType, byte[] body) {
        return send(authorize(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                token));
    }

    /** Uploads one file as multipart form field {@code field}. */
    public HttpResponse<String> upload(String path, String token, String field, String filename, byte[] file) {
        String boundary = "takedown-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return post(path, token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    public HttpResponse<String> patch(String path, String token, String json) {
        return send(authorize(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)),
                token));
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(authorize(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token));
    }

    private static HttpRequest authorize(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Http.send(client, request);
    }
}
