package dev.seedwatch.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import dev.seedwatch.testing.HostilePeer;

/** What one exchange may cost: the byte cap while reading, and the timeout over the whole exchange. */
class HttpPeerTest {

    static final long CAP = 100_000;
    static Vertx vertx;
    static HostilePeer peer;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        peer = new HostilePeer();
    }

    @AfterAll
    static void stop() {
        peer.close();
        vertx.close();
    }

    private static Throwable failure(String kind, Duration timeout) {
        try (HttpPeer http = new HttpPeer(vertx, Map.of(), 1, Duration.ofSeconds(2), CAP)) {
            Throwable t = catchThrowable(() -> http.post(URI.create(peer.baseUrl(kind) + "/chat/completions"),
                    new byte[] { '{', '}' }, timeout).get());
            return t instanceof ExecutionException e ? e.getCause() : t;
        }
    }

    private static HttpPeer.Answer answer(String kind) throws Exception {
        try (HttpPeer http = new HttpPeer(vertx, Map.of(), 1, Duration.ofSeconds(2), CAP)) {
            return http.post(URI.create(peer.baseUrl(kind) + "/chat/completions"), new byte[] { '{', '}' },
                    Duration.ofSeconds(10)).get();
        }
    }

    @Test
    void anAnswerOfExactlyTheCapIsReadWhole() throws Exception {
        assertThat(answer("big/" + CAP).body()).hasSize((int) CAP);
        assertThat(answer("chunked/" + CAP).body()).hasSize((int) CAP);
    }

    @Test
    void oneByteOverTheCapFailsAndSaysBothSizes() {
        assertThat(failure("big/" + (CAP + 1), Duration.ofSeconds(10))).isInstanceOf(HttpPeer.TooLarge.class)
                .hasMessageContaining(Long.toString(CAP + 1)).hasMessageContaining(Long.toString(CAP));
        // without a Content-Length the cap is met while reading
        assertThat(failure("chunked/" + (CAP + 1), Duration.ofSeconds(10))).isInstanceOf(HttpPeer.TooLarge.class)
                .hasMessageContaining("cut off after").hasMessageContaining(Long.toString(CAP));
    }

    @Test
    void anAnswerThatTricklesIsCutOffAtTheTimeoutOfTheWholeExchange() {
        long start = System.nanoTime();
        Throwable t = failure("trickle/1000", Duration.ofMillis(2500));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(t).isInstanceOf(TimeoutException.class).hasMessageContaining("2500 ms");
        // a byte a second never trips a per-read timeout; the exchange as a whole is what is bounded
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aRedirectComesBackAsAnAnswerAndIsNotFollowed() throws Exception {
        HttpPeer.Answer answer = answer("redirect");

        assertThat(answer.status()).isEqualTo(307);
        assertThat(answer.header("location")).startsWith("https://elsewhere.example/");
    }
}
