package dev.parley.signaling.messaging;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Calls to the other services, found through Eureka ({@code http://<service-name>}), made
 * on behalf of a socket's user with the token the socket was opened with.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceClients {

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(3));
		return RestClient.builder().requestFactory(requests);
	}

}
