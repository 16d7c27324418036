package dev.seedwatch.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.seedwatch.page.RunPages;
import dev.seedwatch.report.ReportFiles;

/**
 * serve's run pages: {@code /} (a redirect to {@code /runs}), {@code /runs} (newest first), {@code /runs/latest}, {@code /runs/{runId}} and the report
 * {@code /runs/{runId}.json}, as JSON whether it is kept plain or gzipped (one answer for every client). Only run ids
 * of kept reports resolve, so no path reaches outside the runs dir.
 */
@ApplicationScoped
public class RunRoutes {

    private final AtomicReference<RunPages> pages = new AtomicReference<>();

    /** Serves the reports of {@code stateDir} (the root state dir, whose {@code runs/} holds every shard's). */
    void serve(Path stateDir) {
        pages.set(new RunPages(stateDir));
    }

    void routes(@Observes Router router) {
        router.get("/").handler(ctx -> ctx.redirect("/runs"));
        router.get("/runs").blockingHandler(ctx -> answer(ctx, () -> Optional.of(pages().index()), "text/html"));
        router.get("/runs/:run").blockingHandler(ctx -> {
            String run = ctx.pathParam("run");
            if (run.endsWith(".json")) {
                String id = run.substring(0, run.length() - ".json".length());
                answer(ctx, () -> pages().report(id).map(RunRoutes::read), "application/json");
            } else {
                answer(ctx, () -> pages().html(run), "text/html");
            }
        });
    }

    private interface Body {
        Optional<String> get() throws IOException;
    }

    private RunPages pages() throws IOException {
        RunPages current = pages.get();
        if (current == null) {
            throw new IOException("serve has not started its runs yet");
        }
        return current;
    }

    private static void answer(RoutingContext ctx, Body body, String type) {
        try {
            Optional<String> text = body.get();
            if (text.isEmpty()) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("no such run\n");
            } else {
                ctx.response().putHeader("Content-Type", type + "; charset=utf-8")
                        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                        .end(text.get());
            }
        } catch (IOException | RuntimeException e) {
            ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain").end(e.getMessage() + "\n");
        }
    }

    private static String read(Path file) {
        try {
            return new String(ReportFiles.json(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("report " + file.getFileName() + " unreadable: " + e.getMessage(), e);
        }
    }
}
