package dev.seedwatch.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.Golden;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.state.StateFile;

/** Every seedwatch type in the report, the state or the golden run is registered for reflection (needed by the native build). */
class JsonReflectionTest {

    @Test
    void everyTypeOfTheReportAndTheStateIsRegistered() {
        Set<Class<?>> reachable = new LinkedHashSet<>();
        visit(RunReport.class, reachable);
        visit(StateFile.class, reachable);
        visit(Golden.class, reachable);
        visit(ChangeState.class, reachable);
        Set<Class<?>> registered = Set.of(JsonReflection.class.getAnnotation(RegisterForReflection.class).targets());

        assertThat(reachable).isNotEmpty();
        assertThat(registered).as("add these to JsonReflection's @RegisterForReflection targets")
                .containsAll(reachable);
    }

    private static void visit(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            visit(p.getRawType(), seen);
            Arrays.stream(p.getActualTypeArguments()).forEach(t -> visit(t, seen));
        } else if (type instanceof WildcardType w) {
            Arrays.stream(w.getUpperBounds()).forEach(t -> visit(t, seen));
        } else if (type instanceof GenericArrayType g) {
            visit(g.getGenericComponentType(), seen);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                visit(c.getComponentType(), seen);
                return;
            }
            if (!c.getName().startsWith("dev.seedwatch.") || !seen.add(c)) {
                return;
            }
            // a type written through a @JsonValue method is read and written as that method's type
            Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(JsonValue.class))
                    .forEach(m -> visit(m.getGenericReturnType(), seen));
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    visit(rc.getGenericType(), seen);
                }
            } else if (!c.isEnum()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        visit(f.getGenericType(), seen);
                    }
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getParameterCount() == 0 && Modifier.isPublic(m.getModifiers())) {
                        visit(m.getGenericReturnType(), seen);
                    }
                }
            }
            if (c.isSealed()) {
                Arrays.stream(c.getPermittedSubclasses()).forEach(t -> visit(t, seen));
            }
        }
    }
}
