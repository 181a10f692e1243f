package dev.codeanatomy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for the subset of the
 * Kustomization file our manifests use: {@code resources} (files, or directories holding a
 * kustomization.yaml), {@code namespace}, and {@code patches} whose {@code patch} is an inline RFC
 * 6902 JSON patch (YAML form) with a {@code target} of {@code kind} and {@code name}, applied with
 * zjsonpatch. Any other field is an error naming it, so the manifests cannot use a Kustomize
 * feature this renderer would silently skip.
 */
final class Kustomization {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "patches");

    private Kustomization() {}

    /** The resources of the kustomization in {@code dir}, patched, in order. */
    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        JsonNode k = RepoFiles.yaml(file);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                        file
                                + ": field '"
                                + field
                                + "' is not one this renderer supports "
                                + FIELDS);
            }
        }
        if (!"Kustomization".equals(k.path("kind").asText())
                || !"kustomize.config.k8s.io/v1beta1".equals(k.path("apiVersion").asText())) {
            throw new IllegalArgumentException(
                    file + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                for (JsonNode doc : RepoFiles.yamlDocuments(p)) {
                    out.add((ObjectNode) doc);
                }
            }
        }
        for (JsonNode patch : k.path("patches")) {
            apply(file, patch, out);
        }
        if (k.has("namespace")) {
            for (ObjectNode o : out) {
                ((ObjectNode) o.path("metadata")).put("namespace", k.get("namespace").asText());
            }
        }
        return out;
    }

    private static void apply(Path file, JsonNode patch, List<ObjectNode> resources) {
        JsonNode target = patch.path("target");
        String kind = target.path("kind").asText(null);
        String name = target.path("name").asText(null);
        if (kind == null || name == null || target.size() != 2 || patch.size() != 2) {
            throw new IllegalArgumentException(
                    file
                            + ": a patch needs exactly target {kind, name} and an inline patch: "
                            + patch);
        }
        JsonNode ops = RepoFiles.parseYaml(patch.path("patch").asText());
        int matched = 0;
        for (int i = 0; i < resources.size(); i++) {
            ObjectNode r = resources.get(i);
            if (kind.equals(r.path("kind").asText())
                    && name.equals(r.path("metadata").path("name").asText())) {
                resources.set(i, (ObjectNode) JsonPatch.apply(ops, r));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(
                    file + ": patch target " + kind + "/" + name + " matches no resource");
        }
    }
}
