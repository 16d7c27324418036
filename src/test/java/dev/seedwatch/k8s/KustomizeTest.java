package dev.seedwatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Every kustomization under {@code k8s/} renders with the real kubectl, every rendered object matches the Kubernetes
 * API model field by field (names and types), and the manifests keep the properties the job relies on. The
 * container arguments themselves are run through the real CLI in {@code KubernetesArgsIT}.
 */
class KustomizeTest {

    static final Set<String> EXPECTED = Set.of("base", "overlays/serve", "overlays/sharded");

    static Stream<String> kustomizations() {
        return Kustomize.kustomizations().stream().map(d -> Kustomize.root().relativize(d).toString());
    }

    static Kustomize.Rendered rendered(String dir) throws Exception {
        Kustomize.Rendered r = Kustomize.check(Kustomize.render(Kustomize.root().resolve(dir)));
        assertThat(r.problems()).as("problems in the rendered k8s/" + dir).isEmpty();
        return r;
    }

    @Test
    void theExpectedKustomizationsExist() {
        assertThat(kustomizations().toList()).containsAll(EXPECTED);
        // k8s/monitoring is written separately; when it exists it is rendered and checked like the others.
        if (Files.exists(Kustomize.root().resolve("monitoring/kustomization.yaml"))) {
            assertThat(kustomizations().toList()).contains("monitoring");
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersAndEveryFieldIsKnownAndWellTyped(String dir) throws Exception {
        Kustomize.Rendered r = rendered(dir);
        assertThat(r.objects()).as("objects rendered from k8s/" + dir).isNotEmpty();
        for (PodSpec pod : podSpecs(r)) {
            checkPod(dir, pod, r);
        }
        r.all(CronJob.class).forEach(c -> checkJob(dir, c.getSpec().getJobTemplate().getSpec()));
        r.all(Job.class).forEach(j -> checkJob(dir, j.getSpec()));
    }

    // ---- the checker itself: a mutated copy must be caught --------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "concurrencyPolicy: Forbid|concurencyPolicy: Forbid|concurencyPolicy",
            "readOnlyRootFilesystem: true|readOnlyRootFileSystem: true|readOnlyRootFileSystem",
            "mountPath: /tmp|mountpath: /tmp|mountpath",
            "backoffLimit: 2|backoffLimit: \"2\"|backoffLimit",
            "backoffLimit: 2|backoffLimit: 2.5|backoffLimit",
            "runAsNonRoot: true|runAsNonRoot: \"true\"|runAsNonRoot",
            "value: /var/lib/seedwatch|value: 42|value",
            "apiVersion: batch/v1|apiVersion: batch/v1beta1|unknown apiVersion/kind" })
    void aMisspeltFieldOrAWrongTypeIsCaught(String original, String mutated, String reported, @TempDir Path tmp)
            throws Exception {
        Path copy = tmp.resolve("base");
        Kustomize.copyTree(Kustomize.root().resolve("base"), copy);
        Path cronJob = copy.resolve("cronjob.yaml");
        String text = Files.readString(cronJob);
        assertThat(text).contains(original);
        Files.writeString(cronJob, text.replaceFirst(Pattern.quote(original),
                Matcher.quoteReplacement(mutated)));

        Kustomize.Rendered r = Kustomize.check(Kustomize.render(copy));

        assertThat(r.problems()).as("problems found in the mutated copy").hasSize(1);
        assertThat(r.problems().get(0)).contains("CronJob").contains(reported);
    }

    @Test
    void aCommittedSecretIsRejected() throws Exception {
        Kustomize.Rendered r = Kustomize.check("""
                apiVersion: v1
                kind: Secret
                metadata: {name: seedwatch-api-keys}
                stringData: {OPENAI_API_KEY: sk-not-here}
                """);
        assertThat(r.problems()).singleElement().asString().contains("Secrets are not committed");
    }

    @Test
    void theCheckerAcceptsTheMonitoringKinds() throws Exception {
        Kustomize.Rendered r = Kustomize.check("""
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: seedwatch}
                spec:
                  groups:
                    - name: seedwatch
                      rules:
                        - alert: SeedwatchRunFailed
                          expr: seedwatch_run_success == 0
                          for: 10m
                          labels: {severity: warning}
                          annotations: {summary: "seedwatch run failed"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: seedwatch-dashboard, labels: {grafana_dashboard: "1"}}
                data: {seedwatch.json: "{}"}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.all(PrometheusRule.class)).hasSize(1);
        Kustomize.Rendered typo = Kustomize.check("""
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: seedwatch}
                spec: {groups: [{name: g, rules: [{alert: A, expression: up == 0}]}]}
                """);
        assertThat(typo.problems()).singleElement().asString().contains("expression");
    }

    // ---- what the manifests promise -------------------------------------------------------------------------

    @Test
    void baseIsAHardenedCronJob() throws Exception {
        Kustomize.Rendered r = rendered("base");
        CronJob cron = r.one(CronJob.class);
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getTimeZone()).isNotBlank();
        assertThat(cron.getSpec().getSchedule().trim().split("\\s+")).hasSize(5);
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isNotNull();
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isNotNull();

        JobSpec job = cron.getSpec().getJobTemplate().getSpec();
        assertThat(job.getBackoffLimit()).isNotNull();
        assertThat(job.getTtlSecondsAfterFinished()).isPositive();
        List<PodFailurePolicyRule> rules = job.getPodFailurePolicy().getRules();
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
            assertThat(rule.getOnExitCodes().getValues()).containsExactlyInAnyOrder(1, 2);
        });
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("Ignore");
            assertThat(rule.getOnPodConditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
        });

        PodSpec pod = job.getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertThat(c.getArgs()).containsExactly("run");
        Map<String, String> env = Kustomize.literalEnv(c);
        assertThat(env).containsEntry("SEEDWATCH_SUITE", "/etc/seedwatch/suite.yaml")
                .containsEntry("SEEDWATCH_STATE_DIR", "/var/lib/seedwatch").containsKey("SEEDWATCH_PUSHGATEWAY_URL")
                .containsEntry("SEEDWATCH_HISTORY_COMPRESS", "true");
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("OPENAI_API_KEY")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("seedwatch-api-keys"));

        // The Job outlives the run deadline plus the shutdown (10 s) and the pushes (3 x 10 s) after it.
        Duration runDeadline = Duration.parse("PT" + env.getOrDefault("SEEDWATCH_RUN_DEADLINE", "1h").toUpperCase());
        assertThat(job.getActiveDeadlineSeconds()).isGreaterThan(runDeadline.toSeconds() + 40);
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(40L);

        PersistentVolumeClaim pvc = r.one(PersistentVolumeClaim.class);
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        ConfigMap suite = r.one(ConfigMap.class);
        assertThat(suite.getData()).containsKey("suite.yaml");
        assertThat(suite.getData().get("suite.yaml")).contains("api-key-env: OPENAI_API_KEY");
    }

    @Test
    void serveReplacesTheCronJobWithADeploymentAServiceAndAServiceMonitor() throws Exception {
        Kustomize.Rendered r = rendered("overlays/serve");
        assertThat(r.all(CronJob.class)).isEmpty();
        assertThat(r.all(Job.class)).isEmpty();
        Deployment d = r.one(Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).containsExactly("serve");
        Map<String, String> env = Kustomize.literalEnv(c);
        assertThat(env).containsKey("SEEDWATCH_SCHEDULE").doesNotContainKey("SEEDWATCH_PUSHGATEWAY_URL")
                .containsEntry("SEEDWATCH_HISTORY_COMPRESS", "true");
        assertThat(env.get("SEEDWATCH_SCHEDULE").trim().split("\\s+")).hasSize(5);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertThat(d.getSpec().getSelector().getMatchLabels().entrySet())
                .isSubsetOf(d.getSpec().getTemplate().getMetadata().getLabels().entrySet());

        Service svc = r.one(Service.class);
        assertThat(svc.getSpec().getSelector().entrySet())
                .isSubsetOf(d.getSpec().getTemplate().getMetadata().getLabels().entrySet());
        ServicePort port = svc.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("Service has no port named http"));
        assertThat(port.getPort()).isEqualTo(8080);

        ServiceMonitor sm = r.one(ServiceMonitor.class);
        assertThat(sm.getSpec().getSelector().getMatchLabels().entrySet())
                .isSubsetOf(svc.getMetadata().getLabels().entrySet());
        assertThat(sm.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPort()).isEqualTo("http");
            assertThat(e.getPath()).isEqualTo("/q/metrics");
        });
        assertThat(r.one(PersistentVolumeClaim.class).getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    }

    @Test
    void shardedRunsTheJobAsAnIndexedJobOnAReadWriteManyVolume() throws Exception {
        Kustomize.Rendered r = rendered("overlays/sharded");
        JobSpec job = r.one(CronJob.class).getSpec().getJobTemplate().getSpec();
        assertThat(job.getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getCompletions()).isGreaterThan(1).isEqualTo(job.getParallelism());
        assertThat(job.getBackoffLimitPerIndex()).isNotNull();
        assertThat(job.getBackoffLimit()).as("a Job-wide backoffLimit would override the per-index one").isNull();
        Map<String, String> env = Kustomize.literalEnv(job.getTemplate().getSpec().getContainers().get(0));
        assertThat(env).containsEntry("SEEDWATCH_SHARDS", String.valueOf(job.getCompletions()))
                .doesNotContainKey("SEEDWATCH_SHARD");
        assertThat(job.getPodFailurePolicy().getRules()).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailIndex");
            assertThat(rule.getOnExitCodes().getValues()).containsExactlyInAnyOrder(1, 2);
        });
        assertThat(r.one(PersistentVolumeClaim.class).getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    }

    // ---- checks for every pod template in every kustomization ------------------------------------------------

    static List<PodSpec> podSpecs(Kustomize.Rendered r) {
        List<PodSpec> pods = new ArrayList<>();
        r.all(CronJob.class).forEach(c -> pods.add(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        r.all(Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        r.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        return pods;
    }

    static void checkPod(String dir, PodSpec pod, Kustomize.Rendered r) {
        String where = "k8s/" + dir;
        assertThat(pod.getAutomountServiceAccountToken()).as(where + " automountServiceAccountToken").isFalse();
        var psc = pod.getSecurityContext();
        assertThat(psc.getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
        assertThat(psc.getRunAsUser()).as(where + " runAsUser").isNotNull().isPositive();
        assertThat(psc.getRunAsGroup()).as(where + " runAsGroup").isNotNull().isPositive();
        assertThat(psc.getFsGroup()).as(where + " fsGroup").isNotNull();
        assertThat(psc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        Set<String> configMaps = r.all(ConfigMap.class).stream().map(cm -> cm.getMetadata().getName())
                .collect(Collectors.toSet());
        Set<String> claims = r.all(PersistentVolumeClaim.class).stream().map(p -> p.getMetadata().getName())
                .collect(Collectors.toSet());
        for (Volume v : pod.getVolumes()) {
            if (v.getConfigMap() != null) {
                assertThat(configMaps).as(where + " volume " + v.getName() + " refers to a rendered ConfigMap")
                        .contains(v.getConfigMap().getName());
            }
            if (v.getPersistentVolumeClaim() != null) {
                assertThat(claims).as(where + " volume " + v.getName() + " refers to a rendered PVC")
                        .contains(v.getPersistentVolumeClaim().getClaimName());
            }
        }
        for (Container c : pod.getContainers()) {
            String cw = where + " container " + c.getName();
            assertThat(c.getImage()).as(cw + " image (set by the kustomization's images:)").contains("/");
            var sc = c.getSecurityContext();
            assertThat(sc.getReadOnlyRootFilesystem()).as(cw + " readOnlyRootFilesystem").isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).as(cw + " allowPrivilegeEscalation").isFalse();
            assertThat(sc.getCapabilities().getDrop()).as(cw + " capabilities.drop").containsExactly("ALL");
            assertThat(c.getResources().getRequests()).as(cw + " requests").containsKeys("cpu", "memory");
            Quantity limit = c.getResources().getLimits().get("memory");
            assertThat(limit).as(cw + " memory limit").isNotNull();
            assertThat(Quantity.getAmountInBytes(limit))
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")));
            c.getVolumeMounts().forEach(m -> assertThat(volumes).as(cw + " mount " + m.getMountPath()).contains(m.getName()));
            // readOnlyRootFilesystem: the embedding model unpacks native libraries into $HOME and /tmp.
            Map<String, String> env = Kustomize.literalEnv(c);
            Set<String> mounts = c.getVolumeMounts().stream().map(m -> m.getMountPath()).collect(Collectors.toSet());
            assertThat(mounts).as(cw + " writable /tmp").contains("/tmp");
            assertThat(mounts).as(cw + " writable HOME").contains(env.get("HOME"));
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("seedwatch-api-keys");
                }
                assertThat(Optional.ofNullable(e.getValue()).orElse("")).as(cw + " env " + e.getName())
                        .doesNotStartWith("sk-");
            }
        }
    }

    /** Rules the API server enforces on Jobs, which kustomize does not. */
    static void checkJob(String dir, JobSpec job) {
        String where = "k8s/" + dir + " job";
        if (job.getPodFailurePolicy() != null) {
            assertThat(job.getTemplate().getSpec().getRestartPolicy()).as(where + ": podFailurePolicy needs restartPolicy")
                    .isEqualTo("Never");
            for (PodFailurePolicyRule rule : job.getPodFailurePolicy().getRules()) {
                if ("FailIndex".equals(rule.getAction())) {
                    assertThat(job.getBackoffLimitPerIndex()).as(where + ": FailIndex needs backoffLimitPerIndex")
                            .isNotNull();
                }
                if (rule.getOnExitCodes() != null) {
                    assertThat(rule.getOnExitCodes().getValues()).as(where + ": exit code 0 cannot be matched with In")
                            .doesNotContain(0);
                }
            }
        }
        if (job.getBackoffLimitPerIndex() != null) {
            assertThat(job.getCompletionMode()).as(where + ": backoffLimitPerIndex needs an Indexed Job")
                    .isEqualTo("Indexed");
        }
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).as(where + " restartPolicy").isIn("Never", "OnFailure");
    }
}
