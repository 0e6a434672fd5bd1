package dev.parley.gateway.health;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code GET /api/health}: whether the gateway can reach each service of the suite
 * through the same load-balanced path its routes use. Public: it tells only UP or DOWN.
 */
@RestController
class SuiteHealthController {

	private final SuiteProperties properties;

	private final ReactiveDiscoveryClient discovery;

	private final WebClient loadBalanced;

	SuiteHealthController(SuiteProperties properties, ReactiveDiscoveryClient discovery,
			ReactorLoadBalancerExchangeFilterFunction loadBalancer) {
		this.properties = properties;
		this.discovery = discovery;
		this.loadBalanced = WebClient.builder().filter(loadBalancer).build();
	}

	@GetMapping("/api/health")
	Mono<SuiteHealth> health() {
		return Flux.fromIterable(this.properties.services())
			.flatMapSequential(this::check)
			.collectList()
			.map(SuiteHealth::of);
	}

	private Mono<ServiceHealth> check(String service) {
		Mono<Integer> instances = this.discovery.getInstances(service).count().map(Long::intValue);
		Mono<String> status = this.loadBalanced.get()
			.uri("http://{service}/actuator/health", service)
			.retrieve()
			.bodyToMono(Map.class)
			.map((body) -> "UP".equals(body.get("status")) ? "UP" : "DOWN")
			.timeout(this.properties.healthTimeout())
			.onErrorReturn("DOWN");
		return Mono.zip(status, instances, (s, n) -> new ServiceHealth(service, s, n));
	}

	record ServiceHealth(String name, String status, int instances) {
	}

	record SuiteHealth(String status, List<ServiceHealth> services) {

		static SuiteHealth of(List<ServiceHealth> services) {
			boolean up = services.stream().allMatch((s) -> "UP".equals(s.status()));
			return new SuiteHealth(up ? "UP" : "DOWN", services);
		}

	}

}
