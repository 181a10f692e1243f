package dev.codeanatomy.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Validates Strimzi custom resources ({@code kafka.strimzi.io}) against Strimzi's Java model
 * ({@code io.strimzi:api}, the classes its CRDs are generated from) and core resources against
 * fabric8's Kubernetes model: Jackson reads the resource into the model class with {@code
 * FAIL_ON_UNKNOWN_PROPERTIES}, so a wrong type or enum value fails; both models keep unknown fields
 * in an {@code additionalProperties} map instead of failing, so every object of the result is then
 * walked and a non-empty map is reported with its path; so is a set property whose getter is
 * {@code @Deprecated} (Strimzi marks so the fields that its {@code v1} API removed).
 */
final class StrictModels {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                    .build();

    /** Model classes by kind. */
    static final Map<String, Class<?>> KINDS =
            Map.of(
                    "Kafka", Kafka.class,
                    "KafkaNodePool", KafkaNodePool.class,
                    "KafkaTopic", KafkaTopic.class,
                    "KafkaUser", KafkaUser.class,
                    "ConfigMap", ConfigMap.class,
                    "PersistentVolumeClaim", PersistentVolumeClaim.class);

    private StrictModels() {}

    /** Messages naming each violation; empty when the resource is valid. */
    static List<String> validate(JsonNode resource) {
        String kind = resource.path("kind").asText();
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            return List.of("kind '" + kind + "' has no model here " + KINDS.keySet());
        }
        List<String> out = new ArrayList<>();
        String apiVersion = resource.path("apiVersion").asText();
        List<String> served = servedVersions(type);
        if (!served.contains(apiVersion)) {
            out.add(kind + ": apiVersion '" + apiVersion + "' is not one of " + served);
        }
        Object model;
        try {
            model = MAPPER.treeToValue(resource, type);
        } catch (Exception e) {
            out.add(kind + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
            return out;
        }
        walk(model, "$", out);
        // apiVersion is checked above: the model writes back the version its class is annotated
        // with
        JsonNode read = MAPPER.valueToTree(model);
        resource.properties()
                .forEach(
                        f -> {
                            if (!f.getKey().equals("apiVersion")) {
                                roundTrip(
                                        f.getValue(),
                                        read.get(f.getKey()),
                                        child(model, f.getKey()),
                                        "$." + f.getKey(),
                                        out);
                            }
                        });
        return out;
    }

    /**
     * Reports each value of {@code in} that the model did not keep: Strimzi's enums read an unknown
     * value as null instead of failing. {@code out} is the model written back, {@code model} the
     * object read; a value missing from {@code out} is accepted when the model's getter holds a
     * value (the models leave defaults out when written back).
     */
    private static void roundTrip(
            JsonNode in, JsonNode out, Object model, String path, List<String> errors) {
        if (in.isObject()) {
            in.properties()
                    .forEach(
                            f -> {
                                String p = path + "." + f.getKey();
                                JsonNode o = out == null ? null : out.get(f.getKey());
                                Object m = child(model, f.getKey());
                                if (o == null || o.isNull()) {
                                    if (m == null && !f.getValue().isNull()) {
                                        errors.add(
                                                p
                                                        + ": value "
                                                        + f.getValue()
                                                        + " is not one the model accepts");
                                    }
                                } else {
                                    roundTrip(f.getValue(), o, m, p, errors);
                                }
                            });
        } else if (in.isArray()) {
            List<?> list = model instanceof List<?> l ? l : List.of();
            for (int i = 0; i < in.size(); i++) {
                JsonNode o = out == null ? null : out.get(i);
                Object m = i < list.size() ? list.get(i) : null;
                if (o == null || o.isNull() || m == null) {
                    errors.add(
                            path
                                    + "["
                                    + i
                                    + "]: value "
                                    + in.get(i)
                                    + " is not one the model accepts");
                } else {
                    roundTrip(in.get(i), o, m, path + "[" + i + "]", errors);
                }
            }
        } else if (out != null && !in.asText().equals(out.asText())) {
            errors.add(path + ": value " + in + " was read as " + out);
        }
    }

    /** The value of {@code field} in {@code model}: a map entry or a bean getter's result. */
    private static Object child(Object model, String field) {
        if (model == null) {
            return null;
        }
        if (model instanceof Map<?, ?> m) {
            return m.get(field);
        }
        String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String name : List.of("get" + cap, "is" + cap)) {
            try {
                return model.getClass().getMethod(name).invoke(model);
            } catch (ReflectiveOperationException e) {
                // try the next form
            }
        }
        return null;
    }

    /** {@code group/version} of each version the model class declares. */
    static List<String> servedVersions(Class<?> type) {
        if (type == ConfigMap.class || type == PersistentVolumeClaim.class) {
            return List.of("v1");
        }
        try {
            @SuppressWarnings("unchecked")
            List<String> versions = (List<String>) type.getField("VERSIONS").get(null);
            String group = (String) type.getField("RESOURCE_GROUP").get(null);
            return versions.stream().map(v -> group + "/" + v).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no VERSIONS/RESOURCE_GROUP", e);
        }
    }

    private static void walk(Object o, String path, List<String> out) {
        if (o == null
                || o instanceof String
                || o instanceof Number
                || o instanceof Boolean
                || o instanceof Enum<?>) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, out));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi.") && !pkg.startsWith("io.fabric8.")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            String name = g.getName();
            if (g.getParameterCount() != 0
                    || Modifier.isStatic(g.getModifiers())
                    || g.getDeclaringClass() == Object.class
                    || !(name.startsWith("get") || name.startsWith("is"))
                    || name.equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = g.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String property = property(name);
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            if (g.isAnnotationPresent(Deprecated.class) && value != null && !isDefault(value)) {
                out.add(
                        path
                                + "."
                                + property
                                + ": deprecated field (removed from Strimzi's v1 API)");
            }
            if (!name.equals("getStatus")) {
                walk(value, path + "." + property, out);
            }
        }
    }

    private static boolean isDefault(Object value) {
        return (value instanceof Boolean b && !b)
                || (value instanceof Number n && n.longValue() == 0)
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static String property(String getter) {
        String p = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }
}
