package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

import dev.seedwatch.k8s.Kustomize;
import dev.seedwatch.testing.JarRunner;

/**
 * The container arguments and environment of every workload in {@code k8s/} are accepted by the real CLI: the
 * packaged jar runs {@code validate} with the container's args ({@code run}/{@code serve} replaced by
 * {@code validate}) and env, every mount path mapped to a local directory (ConfigMap volumes filled from the
 * rendered ConfigMap, so the suite is the one the pod would see), secret references given dummy values and, for an
 * Indexed Job, the last completion index Kubernetes would set.
 */
class KubernetesArgsIT {

    static final String DUMMY_KEY = "sk-dummy-k8s-args-0123456789";

    @TempDir
    Path dir;

    record Workload(String kustomization, String kind, PodSpec pod, JobSpec job, Kustomize.Rendered rendered) {
        @Override
        public String toString() {
            return kustomization + " " + kind;
        }
    }

    static Stream<Workload> workloads() throws Exception {
        List<Workload> all = new ArrayList<>();
        for (Path k : Kustomize.kustomizations()) {
            String name = Kustomize.root().relativize(k).toString();
            Kustomize.Rendered r = Kustomize.check(Kustomize.render(k));
            assertThat(r.problems()).as("k8s/" + name).isEmpty();
            for (CronJob c : r.all(CronJob.class)) {
                JobSpec job = c.getSpec().getJobTemplate().getSpec();
                all.add(new Workload(name, "CronJob", job.getTemplate().getSpec(), job, r));
            }
            for (Deployment d : r.all(Deployment.class)) {
                all.add(new Workload(name, "Deployment", d.getSpec().getTemplate().getSpec(), null, r));
            }
        }
        assertThat(all).as("workloads in k8s/").extracting(Workload::toString)
                .contains("base CronJob", "overlays/serve Deployment", "overlays/sharded CronJob");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void theRealCliAcceptsTheContainerArgsAndEnv(Workload w) throws Exception {
        Container c = w.pod().getContainers().get(0);
        List<String> args = new ArrayList<>(c.getArgs());
        assertThat(args).as("args").isNotEmpty();
        assertThat(args.get(0)).isIn("run", "serve");
        args.set(0, "validate");

        // Every mount becomes a local directory; ConfigMap volumes get the rendered ConfigMap's files.
        Map<String, Path> mounts = new LinkedHashMap<>();
        Map<String, Volume> volumes = new HashMap<>();
        w.pod().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        for (VolumeMount m : c.getVolumeMounts()) {
            Path local = Files.createDirectories(dir.resolve("mnt" + m.getMountPath()));
            mounts.put(m.getMountPath(), local);
            Volume v = volumes.get(m.getName());
            if (v.getConfigMap() != null) {
                ConfigMap cm = w.rendered().all(ConfigMap.class).stream()
                        .filter(x -> x.getMetadata().getName().equals(v.getConfigMap().getName())).findFirst()
                        .orElseThrow();
                for (Map.Entry<String, String> file : cm.getData().entrySet()) {
                    Files.writeString(local.resolve(file.getKey()), file.getValue());
                }
            }
        }

        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null) {
                assertThat(e.getValueFrom().getSecretKeyRef()).as("env " + e.getName() + " (only secrets are referenced)")
                        .isNotNull();
                env.put(e.getName(), DUMMY_KEY);
            } else {
                env.put(e.getName(), local(e.getValue(), mounts));
            }
        }
        if (w.job() != null && "Indexed".equals(w.job().getCompletionMode())) {
            env.put("JOB_COMPLETION_INDEX", String.valueOf(w.job().getCompletions() - 1));
        }
        for (int i = 1; i < args.size(); i++) {
            args.set(i, local(args.get(i), mounts));
        }

        JarRunner.Result result = new JarRunner(dir).run(env, args.toArray(String[]::new));

        assertThat(result.exitCode()).as("seedwatch %s with the env of %s:%n%s", args, w, result.all()).isZero();
        assertThat(result.all()).doesNotContain(DUMMY_KEY);
    }

    /** A value under a mount path, mapped to the local directory standing in for it. */
    static String local(String value, Map<String, Path> mounts) {
        if (value == null) {
            return "";
        }
        return mounts.entrySet().stream()
                .filter(m -> value.equals(m.getKey()) || value.startsWith(m.getKey() + "/"))
                .max(Comparator.comparingInt(m -> m.getKey().length()))
                .map(m -> m.getValue() + value.substring(m.getKey().length()))
                .orElse(value);
    }
}
