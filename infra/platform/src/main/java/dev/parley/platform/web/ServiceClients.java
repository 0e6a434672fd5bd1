package dev.parley.platform.web;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls to the other services, found through Eureka ({@code http://<service-name>}). A
 * service calls another on behalf of a user, with that user's token.
 *
 * <p>
 * Not a {@code @LoadBalanced RestClient.Builder} bean: the Eureka client would pick that
 * builder up for its own calls to the registry and try to load-balance those too.
 */
public class ServiceClients {

	private final ObjectProvider<LoadBalancerInterceptor> loadBalancer;

	public ServiceClients(ObjectProvider<LoadBalancerInterceptor> loadBalancer) {
		this.loadBalancer = loadBalancer;
	}

	public RestClient forService(String name) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(3));
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(requests)
			.baseUrl("http://" + name)
			.requestInterceptor(ServiceClients::noInstanceIsUnreachable);
		this.loadBalancer.ifAvailable(builder::requestInterceptor);
		return builder.build();
	}

	/**
	 * The load balancer reports "no instance of that service" as an
	 * IllegalStateException; callers see it as what it is for them, a service they cannot
	 * reach (a RestClientException like any other).
	 */
	private static ClientHttpResponse noInstanceIsUnreachable(HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws IOException {
		try {
			return execution.execute(request, body);
		}
		catch (IllegalStateException ex) {
			throw new ResourceAccessException(ex.getMessage(), new IOException(ex));
		}
	}

}
