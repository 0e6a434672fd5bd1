package dev.parley.platform;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.parley.platform.web.ServiceClients;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceClientsTest {

	@Test
	void aServiceWithNoRegisteredInstanceIsReportedAsUnreachable() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("loadBalancerInterceptor", new LoadBalancerInterceptor(new NoInstances()));
		ServiceClients clients = new ServiceClients(beans.getBeanProvider(LoadBalancerInterceptor.class));

		assertThatThrownBy(
				() -> clients.forService("user-service").get().uri("/api/friends").retrieve().toBodilessEntity())
			.isInstanceOf(ResourceAccessException.class)
			.hasMessageContaining("No instances available for user-service");
	}

	/** What Spring Cloud's blocking client does when the registry lists no instance. */
	static class NoInstances implements LoadBalancerClient {

		@Override
		public <T> T execute(String serviceId, LoadBalancerRequest<T> request) {
			throw new IllegalStateException("No instances available for " + serviceId);
		}

		@Override
		public <T> T execute(String serviceId, ServiceInstance serviceInstance, LoadBalancerRequest<T> request) {
			throw new IllegalStateException("No instances available for " + serviceId);
		}

		@Override
		public URI reconstructURI(ServiceInstance instance, URI original) {
			return original;
		}

		@Override
		public ServiceInstance choose(String serviceId) {
			return null;
		}

		@Override
		public <T> ServiceInstance choose(String serviceId, Request<T> request) {
			return null;
		}

	}

}
