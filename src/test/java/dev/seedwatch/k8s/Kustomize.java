package dev.seedwatch.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import dev.seedwatch.testing.RealBinary;

/**
 * Renders kustomizations with the real {@code kubectl kustomize} and checks every rendered object against the
 * Kubernetes API model offline. Kustomize checks no field names or types and there is no API server in CI, so a
 * misspelt {@code concurencyPolicy} or a quoted {@code backoffLimit: "2"} would otherwise only fail at
 * {@code kubectl apply} time.
 */
public final class Kustomize {

    /** Kinds the manifests may contain, by {@code apiVersion/kind}. Anything else is reported. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "batch/v1/CronJob", CronJob.class,
            "batch/v1/Job", Job.class,
            "apps/v1/Deployment", Deployment.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = strictMapper();

    private Kustomize() {
    }

    /** The repository's {@code k8s} directory (tests run with the project directory as working directory). */
    public static Path root() {
        return Path.of("k8s").toAbsolutePath();
    }

    /** Every directory below {@code k8s} that holds a kustomization, sorted. */
    public static List<Path> kustomizations() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(f -> f.getFileName().toString().matches("kustomization\\.ya?ml|Kustomization"))
                    .map(Path::getParent).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl kustomize DIR}: the rendered multi-document YAML. Fails with kubectl's message. */
    public static String render(Path dir) throws IOException, InterruptedException {
        Path kubectl = RealBinary.require("kubectl");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(false)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "):\n"
                    + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The rendered objects, checked. */
    public record Rendered(List<HasMetadata> objects, List<String> problems) {

        public <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected exactly one " + type.getSimpleName() + ", found " + found.size());
            }
            return found.get(0);
        }
    }

    /**
     * Parses every document of a rendered stream into its model class with unknown fields and scalar coercion
     * (string "2" for an integer, 1 for a string, 1.5 for an integer) rejected. Returns what parsed and one
     * problem per document that did not, naming the document, the field path and the cause.
     */
    public static Rendered check(String renderedYaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> docs;
        try (var parser = YAML.getFactory().createParser(renderedYaml)) {
            docs = YAML.readValues(parser, JsonNode.class).readAll();
        }
        int index = 0;
        for (JsonNode doc : docs) {
            index++;
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                continue;
            }
            String apiVersion = doc.path("apiVersion").asText("");
            String kind = doc.path("kind").asText("");
            String where = "document " + index + " (" + apiVersion + " " + kind + " "
                    + doc.path("metadata").path("name").asText("<no name>") + ")";
            if ("v1".equals(apiVersion) && "Secret".equals(kind)) {
                problems.add(where + ": Secrets are not committed; create seedwatch-api-keys with kubectl");
                continue;
            }
            Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
            if (type == null) {
                problems.add(where + ": unknown apiVersion/kind; known: " + KINDS.keySet().stream().sorted().toList());
                continue;
            }
            try {
                objects.add(STRICT.treeToValue(doc, type));
            } catch (JsonMappingException e) {
                problems.add(where + ": " + fieldPath(e) + ": " + e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                problems.add(where + ": " + e.getOriginalMessage());
            }
        }
        return new Rendered(objects, problems);
    }

    /** {@code spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem}. */
    static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "<document>" : path.toString();
    }

    /**
     * Jackson mapper that fails on unknown properties and on type coercions the Kubernetes API server rejects.
     * The fabric8 model classes collect unknown fields in an {@code additionalProperties} map through
     * {@code @JsonAnySetter}; removing the any-setter makes an unknown field an error again.
     */
    static ObjectMapper strictMapper() {
        SimpleModule noAnySetter = new SimpleModule("no-any-setter");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                    BeanDeserializerBuilder builder) {
                if (bean.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                }
                return builder;
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noAnySetter)
                .build();
        // The API server takes no number or boolean for a string field ("cannot unmarshal number into ... string").
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType numeric : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Copies a directory tree (to mutate a kustomization in a test). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** Environment of a container as name → literal value; references (secretKeyRef etc.) map to null. */
    public static Map<String, String> literalEnv(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> env.put(e.getName(), e.getValueFrom() == null ? e.getValue() : null));
        }
        return env;
    }
}
