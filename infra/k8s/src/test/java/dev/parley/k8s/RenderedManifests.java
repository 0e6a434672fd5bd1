package dev.parley.k8s;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One overlay as {@code kubectl kustomize} renders it, read into the Kubernetes API's
 * types (fabric8's model, generated from the API's OpenAPI schema).
 */
final class RenderedManifests {

	static final Path ROOT = Path.of(System.getProperty("parley.root", "../..")).toAbsolutePath().normalize();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final String overlay;

	private final List<HasMetadata> objects;

	private RenderedManifests(String overlay, List<HasMetadata> objects) {
		this.overlay = overlay;
		this.objects = objects;
	}

	/** Renders {@code infra/k8s/overlays/<overlay>} with kubectl. */
	static RenderedManifests render(String overlay) {
		Path dir = ROOT.resolve("infra/k8s/overlays").resolve(overlay);
		String yaml = kubectl("kustomize", dir.toString());
		List<HasMetadata> objects = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
			while (documents.hasNext()) {
				JsonNode document = documents.next();
				if (document == null || document.isEmpty()) {
					continue;
				}
				KubernetesResource resource = YAML.treeToValue(document, KubernetesResource.class);
				if (!(resource instanceof HasMetadata object) || resource instanceof GenericKubernetesResource) {
					throw new AssertionError(overlay + ": " + document.path("apiVersion").asString() + " "
							+ document.path("kind").asString() + " " + document.path("metadata").path("name").asString()
							+ " is no kind of the Kubernetes API this test knows");
				}
				objects.add(object);
			}
		}
		return new RenderedManifests(overlay, List.copyOf(objects));
	}

	private static String kubectl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(System.getenv().getOrDefault("PARLEY_KUBECTL", "kubectl"));
		command.addAll(List.of(arguments));
		try {
			Path err = Files.createTempFile("kubectl", ".err");
			try {
				Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
				}
				if (process.exitValue() != 0) {
					throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(err));
				}
				return out;
			}
			finally {
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			// kubectl is not installed: .ci/run installs it, so under CI this is a
			// failure, never a skip.
			if (System.getenv("CI") != null) {
				throw new AssertionError("kubectl is needed to render the manifests (apt-get install kubectl)", ex);
			}
			throw new TestAbortedException("kubectl is not installed (apt-get install kubectl): " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	String overlay() {
		return this.overlay;
	}

	List<HasMetadata> objects() {
		return this.objects;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst();
	}

	/** Every Deployment, StatefulSet and DaemonSet, by "Kind/name". */
	Map<String, PodTemplateSpec> podTemplates() {
		Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
		all(Deployment.class).forEach((d) -> templates.put(id(d), d.getSpec().getTemplate()));
		all(StatefulSet.class).forEach((s) -> templates.put(id(s), s.getSpec().getTemplate()));
		all(DaemonSet.class).forEach((s) -> templates.put(id(s), s.getSpec().getTemplate()));
		return templates;
	}

	static String id(HasMetadata object) {
		return object.getKind() + "/" + object.getMetadata().getName();
	}

	/**
	 * Where the model kept a field it does not have: fabric8's types put unknown fields
	 * in {@code additionalProperties} instead of refusing them, so every one found is a
	 * misspelled or misplaced field. Paths like
	 * {@code Deployment/gateway.spec.template...}.
	 */
	List<String> unknownFields() {
		List<String> found = new ArrayList<>();
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (HasMetadata object : this.objects) {
			walk(object, id(object), found, seen);
		}
		return found;
	}

	private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
		if (value == null || !seen.add(value)) {
			return;
		}
		if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				walk(item, path + "[" + i++ + "]", found, seen);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> walk(item, path + "[" + key + "]", found, seen));
			return;
		}
		if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object child = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
					found.add(path + ": " + extra.keySet());
				}
				continue;
			}
			String name = getter.getName().substring(3);
			walk(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), found, seen);
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(getter + " on " + target.getClass(), ex);
		}
	}

}
