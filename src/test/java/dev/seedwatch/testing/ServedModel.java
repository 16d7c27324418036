package dev.seedwatch.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A model served behind one fixed address ({@link ModelRouter}) whose weights, chat template or mixture change
 * between runs, as a provider's do behind a pinned name. Every {@link #serve} or {@link #mix} stops the servers
 * behind the address and starts new ones (a restart even when the setup is the same), then routes to them.
 */
public final class ServedModel implements AutoCloseable {

    private final ModelRouter router;
    private final List<LlamaServer> servers = new ArrayList<>();

    public ServedModel(long seed) throws IOException {
        router = new ModelRouter(seed);
    }

    /** From now on one server with this setup answers every request. */
    public void serve(LlamaServer.Setup setup) throws IOException {
        restart(List.of(setup));
    }

    /**
     * From now on two servers answer, each request going to one of them at random (a 50/50 mixture). Each gets one
     * compute thread: llama.cpp's threads spin at their barriers, and two servers of two threads each on a 2-core
     * machine ran a probe suite past the test's 180 s where one server takes 30.
     */
    public void mix(LlamaServer.Setup first, LlamaServer.Setup second) throws IOException {
        restart(List.of(first.withThreads(1), second.withThreads(1)));
    }

    /** The OpenAI-compatible base URL a suite names, the same across restarts. */
    public String baseUrl() {
        return router.baseUrl();
    }

    public ModelRouter router() {
        return router;
    }

    private void restart(List<LlamaServer.Setup> setups) throws IOException {
        stopServers();
        for (LlamaServer.Setup setup : setups) {
            servers.add(LlamaServer.start(setup));
        }
        router.routeTo(servers.stream().map(LlamaServer::url).toList());
    }

    private void stopServers() {
        servers.forEach(LlamaServer::close);
        servers.clear();
    }

    @Override
    public void close() {
        stopServers();
        router.close();
    }
}
