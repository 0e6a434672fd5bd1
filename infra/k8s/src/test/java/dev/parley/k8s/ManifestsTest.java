package dev.parley.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.parley.launcher.ServiceCatalog;
import dev.parley.launcher.ServiceCatalog.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each overlay of {@code infra/k8s}, rendered by {@code kubectl kustomize}, against the
 * Kubernetes API's types and the rules docs/deployment.md promises an operator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestsTest {

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEY|TOKEN).*|CLOUDINARY_URL");

	private static final Pattern PINNED_IMAGE = Pattern.compile("[^:@]+(:[\\w][\\w.-]*)(@sha256:[0-9a-f]{64})?");

	private final Map<String, RenderedManifests> overlays = new ConcurrentHashMap<>();

	Stream<String> overlays() {
		return Stream.of("dev", "prod");
	}

	private RenderedManifests rendered(String overlay) {
		return this.overlays.computeIfAbsent(overlay, RenderedManifests::render);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyObjectIsAKubernetesKindWithOnlyFieldsItsApiHas(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		assertThat(manifests.objects()).as("objects rendered").hasSizeGreaterThan(10);
		assertThat(manifests.unknownFields()).as("fields the Kubernetes API does not have").isEmpty();
		String namespace = overlay.equals("prod") ? "parley" : "parley-" + overlay;
		assertThat(manifests.objects()).filteredOn((object) -> !(object instanceof Namespace))
			.extracting((object) -> RenderedManifests.id(object) + " in " + object.getMetadata().getNamespace())
			.as("every namespaced object in the overlay's namespace")
			.allSatisfy((where) -> assertThat(where).endsWith(" in " + namespace));
		assertThat(manifests.find(Namespace.class, namespace)).as("the namespace itself").isPresent();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyServiceOfTheSuiteRunsAsADeploymentWithADisruptionBudget(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		for (Service service : ServiceCatalog.deployables()) {
			Optional<Deployment> deployment = manifests.find(Deployment.class, service.artifact());
			assertThat(deployment).as(overlay + ": Deployment " + service.artifact()).isPresent();
			assertThat(manifests.find(io.fabric8.kubernetes.api.model.Service.class, service.artifact()))
				.as(overlay + ": Service " + service.artifact())
				.isPresent();
			assertThat(manifests.all(PodDisruptionBudget.class))
				.as(overlay + ": a PodDisruptionBudget for " + service.artifact())
				.anySatisfy((budget) -> assertThat(
						matches(budget.getSpec().getSelector(), deployment.get().getSpec().getTemplate()))
					.isTrue());
		}
		long replicas = ServiceCatalog.services()
			.stream()
			.filter((service) -> service.artifact().equals("signaling-service"))
			.count();
		assertThat(manifests.find(Deployment.class, "signaling-service").orElseThrow().getSpec().getReplicas())
			.as("signaling replicas, at least as many as ./chat up runs")
			.isGreaterThanOrEqualTo((int) replicas);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyWorkloadSelectsItsOwnPodsAndIsLabelledAsParley(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		for (HasMetadata workload : workloads(manifests)) {
			PodTemplateSpec template = manifests.podTemplates().get(RenderedManifests.id(workload));
			Map<String, String> labels = template.getMetadata().getLabels();
			assertThat(labels).as(RenderedManifests.id(workload) + " pod labels")
				.containsEntry("app.kubernetes.io/part-of", "parley")
				.containsKey("app.kubernetes.io/name");
			assertThat(workload.getMetadata().getLabels()).as(RenderedManifests.id(workload) + " labels")
				.containsEntry("app.kubernetes.io/part-of", "parley");
			LabelSelector selector = selectorOf(workload);
			assertThat(selector.getMatchLabels()).as(RenderedManifests.id(workload) + " selector").isNotEmpty();
			assertThat(matches(selector, template)).as(RenderedManifests.id(workload) + " selects its pods").isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void servicesBudgetsPoliciesAndAutoscalersPointAtPodsThatExist(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		var templates = manifests.podTemplates().values();
		for (var service : manifests.all(io.fabric8.kubernetes.api.model.Service.class)) {
			Map<String, String> selector = service.getSpec().getSelector();
			assertThat(selector).as("Service/" + service.getMetadata().getName() + " selector").isNotEmpty();
			assertThat(templates).as("Service/" + service.getMetadata().getName() + " selects some pods")
				.anySatisfy(
						(template) -> assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(selector));
		}
		for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
			assertThat(templates).as(RenderedManifests.id(budget) + " selects some pods")
				.anySatisfy((template) -> assertThat(matches(budget.getSpec().getSelector(), template)).isTrue());
		}
		for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
			LabelSelector selector = policy.getSpec().getPodSelector();
			if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
				assertThat(templates).as(RenderedManifests.id(policy) + " selects some pods")
					.anySatisfy((template) -> assertThat(matches(selector, template)).isTrue());
			}
		}
		for (HorizontalPodAutoscaler autoscaler : manifests.all(HorizontalPodAutoscaler.class)) {
			var target = autoscaler.getSpec().getScaleTargetRef();
			assertThat(target.getKind()).isEqualTo("Deployment");
			assertThat(manifests.find(Deployment.class, target.getName()))
				.as(RenderedManifests.id(autoscaler) + " scales a Deployment that exists")
				.isPresent();
			assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(autoscaler.getSpec().getMinReplicas());
		}
		assertThat(manifests.all(HorizontalPodAutoscaler.class))
			.extracting((a) -> a.getSpec().getScaleTargetRef().getName())
			.as("autoscaled")
			.contains("signaling-service", "gateway");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyContainerIsPinnedBoundedProbedAndUnprivileged(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		List<String> problems = new ArrayList<>();
		manifests.podTemplates().forEach((workload, template) -> {
			var pod = template.getSpec();
			if (pod.getSecurityContext() == null || pod.getSecurityContext().getSeccompProfile() == null
					|| !"RuntimeDefault".equals(pod.getSecurityContext().getSeccompProfile().getType())) {
				problems.add(workload + ": seccompProfile RuntimeDefault");
			}
			for (Container container : pod.getContainers()) {
				String where = workload + " container " + container.getName();
				String image = container.getImage();
				if (image == null || !PINNED_IMAGE.matcher(image).matches() || image.endsWith(":latest")) {
					problems.add(where + ": image not pinned to a tag: " + image);
				}
				resources(container.getResources(), where, problems);
				if (container.getReadinessProbe() == null || container.getLivenessProbe() == null) {
					problems.add(where + ": readiness and liveness probes");
				}
				Stream.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())
					.filter(Objects::nonNull)
					.forEach((probe) -> probePort(probe, container, where, problems));
				var security = container.getSecurityContext();
				boolean nonRoot = Boolean.TRUE.equals((security != null) ? security.getRunAsNonRoot() : null)
						|| Boolean.TRUE.equals(
								(pod.getSecurityContext() != null) ? pod.getSecurityContext().getRunAsNonRoot() : null);
				if (!nonRoot) {
					problems.add(where + ": runAsNonRoot");
				}
				if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
						|| security.getCapabilities() == null || security.getCapabilities().getDrop() == null
						|| !security.getCapabilities().getDrop().contains("ALL")) {
					problems.add(where + ": allowPrivilegeEscalation false and capabilities drop ALL");
				}
			}
		});
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void parleyJvmsUseTheirActuatorProbesAdvertiseTheirPodAddressAndReadNoWritableRoot(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		for (Service service : ServiceCatalog.deployables()) {
			Deployment deployment = manifests.find(Deployment.class, service.artifact()).orElseThrow();
			Container jvm = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			String where = overlay + ": " + service.artifact();
			assertThat(jvm.getReadinessProbe().getHttpGet().getPath()).as(where + " readiness")
				.isEqualTo("/actuator/health/readiness");
			assertThat(jvm.getLivenessProbe().getHttpGet().getPath()).as(where + " liveness")
				.isEqualTo("/actuator/health/liveness");
			assertThat(jvm.getStartupProbe()).as(where + " startup probe (a JVM starts slowly)").isNotNull();
			assertThat(env(jvm, "PARLEY_ADVERTISED_ADDRESS")).as(where + " advertises its pod IP to Eureka")
				.hasValueSatisfying((variable) -> assertThat(variable.getValueFrom().getFieldRef().getFieldPath())
					.isEqualTo("status.podIP"));
			assertThat(env(jvm, "PARLEY_BIND_ADDRESS")).as(where + " listens beyond loopback")
				.hasValueSatisfying((variable) -> assertThat(variable.getValue()).isEqualTo("0.0.0.0"));
			assertThat(jvm.getSecurityContext().getReadOnlyRootFilesystem()).as(where + " read-only root").isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void secretsComeFromSecretsNeverFromLiteralsOrConfigMaps(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		List<String> problems = new ArrayList<>();
		manifests.podTemplates().forEach((workload, template) -> template.getSpec().getContainers().forEach((c) -> {
			for (EnvVar variable : (c.getEnv() != null) ? c.getEnv() : List.<EnvVar>of()) {
				if (SECRET_NAME.matcher(variable.getName()).matches()
						&& (variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null)) {
					problems.add(workload + " " + c.getName() + ": " + variable.getName() + " is not a secretKeyRef");
				}
			}
		}));
		for (ConfigMap config : manifests.all(ConfigMap.class)) {
			if (config.getData() != null) {
				config.getData()
					.keySet()
					.stream()
					.filter((key) -> SECRET_NAME.matcher(key).matches())
					.forEach((key) -> problems.add(RenderedManifests.id(config) + " holds " + key));
			}
		}
		assertThat(problems).isEmpty();
		if (overlay.equals("prod")) {
			assertThat(manifests.all(Secret.class)).as("prod: the operator creates the secrets, none is shipped")
				.isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void onlyTheGatewayTakesTrafficFromOutside(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
		assertThat(policies).as("a default that denies all ingress in the namespace").anySatisfy((policy) -> {
			assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
			assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
			assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
			assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
		});
		PodTemplateSpec gateway = manifests.find(Deployment.class, "gateway").orElseThrow().getSpec().getTemplate();
		for (NetworkPolicy policy : policies) {
			boolean fromAnywhere = policy.getSpec().getIngress() != null && policy.getSpec()
				.getIngress()
				.stream()
				.anyMatch((rule) -> rule.getFrom() == null || rule.getFrom().isEmpty()
						|| rule.getFrom().stream().anyMatch((peer) -> peer.getIpBlock() != null));
			if (fromAnywhere) {
				assertThat(matches(policy.getSpec().getPodSelector(), gateway))
					.as(RenderedManifests.id(policy) + " opens its pods to any address: only the gateway's may be")
					.isTrue();
			}
		}
		Ingress ingress = manifests.all(Ingress.class).stream().findFirst().orElseThrow();
		assertThat(ingress.getSpec().getRules()).allSatisfy((rule) -> assertThat(rule.getHttp().getPaths())
			.allSatisfy((path) -> assertThat(path.getBackend().getService().getName()).isEqualTo("gateway")));
		assertThat(ingress.getMetadata().getAnnotations()).as("WebSockets stay open past the default 60 s")
			.hasEntrySatisfying("nginx.ingress.kubernetes.io/proxy-read-timeout",
					(seconds) -> assertThat(Integer.parseInt(seconds)).isGreaterThanOrEqualTo(3600));
		assertThat(manifests.all(io.fabric8.kubernetes.api.model.Service.class)).filteredOn(
				(service) -> !"ClusterIP".equals(Optional.ofNullable(service.getSpec().getType()).orElse("ClusterIP")))
			.allSatisfy((service) -> assertThat(service.getMetadata().getName()).isIn("gateway", "coturn"));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void signalingAndTheGatewayDrainBeforeTheyStop(String overlay) {
		RenderedManifests manifests = rendered(overlay);
		for (String name : List.of("signaling-service", "gateway")) {
			var pod = manifests.find(Deployment.class, name).orElseThrow().getSpec().getTemplate().getSpec();
			assertThat(pod.getTerminationGracePeriodSeconds()).as(name + " termination grace")
				.isGreaterThanOrEqualTo(30);
			assertThat(pod.getContainers().get(0).getLifecycle().getPreStop())
				.as(name + " waits to leave the endpoints before it stops taking connections")
				.isNotNull();
		}
	}

	private static void resources(ResourceRequirements resources, String where, List<String> problems) {
		for (String kind : List.of("cpu", "memory")) {
			Quantity request = (resources != null && resources.getRequests() != null)
					? resources.getRequests().get(kind) : null;
			Quantity limit = (resources != null && resources.getLimits() != null) ? resources.getLimits().get(kind)
					: null;
			if (request == null || limit == null) {
				problems.add(where + ": " + kind + " request and limit");
			}
			else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
				problems.add(where + ": " + kind + " request above its limit");
			}
		}
	}

	private static void probePort(Probe probe, Container container, String where, List<String> problems) {
		IntOrString port = (probe.getHttpGet() != null) ? probe.getHttpGet().getPort()
				: (probe.getTcpSocket() != null) ? probe.getTcpSocket().getPort() : null;
		if (port == null) {
			return;
		}
		List<ContainerPort> ports = (container.getPorts() != null) ? container.getPorts() : List.of();
		boolean declared = ports.stream()
			.anyMatch((p) -> (port.getStrVal() != null) ? port.getStrVal().equals(p.getName())
					: port.getIntVal().equals(p.getContainerPort()));
		if (!declared) {
			problems.add(where + ": a probe uses port " + port + ", which the container does not declare");
		}
	}

	private static Optional<EnvVar> env(Container container, String name) {
		return container.getEnv().stream().filter((variable) -> variable.getName().equals(name)).findFirst();
	}

	private static List<HasMetadata> workloads(RenderedManifests manifests) {
		List<HasMetadata> workloads = new ArrayList<>();
		workloads.addAll(manifests.all(Deployment.class));
		workloads.addAll(manifests.all(StatefulSet.class));
		workloads.addAll(manifests.all(DaemonSet.class));
		return workloads;
	}

	private static LabelSelector selectorOf(HasMetadata workload) {
		return switch (workload) {
			case Deployment d -> d.getSpec().getSelector();
			case StatefulSet s -> s.getSpec().getSelector();
			case DaemonSet s -> s.getSpec().getSelector();
			default -> throw new IllegalArgumentException(workload.getKind());
		};
	}

	/**
	 * Whether a selector of match labels (the only form these manifests use) picks the
	 * template's pods.
	 */
	private static boolean matches(LabelSelector selector, PodTemplateSpec template) {
		assertThat(selector.getMatchExpressions()).as("selectors use matchLabels only").isNullOrEmpty();
		Map<String, String> labels = template.getMetadata().getLabels();
		return selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty() && labels != null
				&& labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
	}

}
