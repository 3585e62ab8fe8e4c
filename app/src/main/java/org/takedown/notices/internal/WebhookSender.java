package org.takedown.notices.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.takedown.attribution.HostingCompanies.Webhook;
import org.takedown.shared.net.Egress;
import org.takedown.shared.net.HardDeadline;
import org.takedown.shared.net.HostResolver;

/**
 * POSTs notices to hosting companies' webhooks: the JSON body carries the X-ARF documents, the header
 * {@value #SIGNATURE} signs timestamp and body with the company's key ({@code t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(key,
 * t + "." + body))}), and {@code Idempotency-Key} repeats the notice's stable message id, so a delivery repeated after
 * a crash is recognisable as the same. Connections go only to public addresses (the same guard as the prober); no
 * redirects are followed. Any answer but 2xx is a failed delivery. Thread-safe.
 */
final class WebhookSender implements AutoCloseable {

    static final String SIGNATURE = "X-Takedown-Signature";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final CloseableHttpClient client;

    WebhookSender(HostResolver resolver, boolean allowLoopback) {
        this.client = Egress.client(new Egress.Settings(
                resolver, allowLoopback, null, Duration.ofSeconds(10), TIMEOUT, TIMEOUT, 5, 25, "Takedown-notices/1"));
    }

    /**
     * Delivers {@code body} to {@code hook}.
     *
     * @throws IOException when the company's server could not be reached or did not answer 2xx
     */
    void post(Webhook hook, String idempotencyKey, String event, long unixSeconds, String body) throws IOException {
        HttpPost post = new HttpPost(hook.url());
        post.setHeader("Idempotency-Key", idempotencyKey);
        post.setHeader("X-Takedown-Event", event);
        post.setHeader(SIGNATURE, signature(hook.secret(), unixSeconds, body));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            HardDeadline.within(TIMEOUT, () -> exchange(hook, post), post::cancel);
        } catch (TimeoutException e) {
            throw new java.net.SocketTimeoutException(
                    "the webhook " + hook.url() + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("stopped while posting to " + hook.url());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("the webhook " + hook.url() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Sends the request and reads the status; the response body is never read (it may be endless): the connection
     * is dropped instead of drained.
     */
    private Void exchange(Webhook hook, HttpPost post) throws IOException {
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int status = response.getCode();
            post.cancel();
            if (status < 200 || status > 299) {
                throw new IOException("the webhook " + hook.url() + " answered HTTP " + status);
            }
            return null;
        }
    }

    /** The signature header's value: {@code t=SECONDS,v1=HEX}. */
    static String signature(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
