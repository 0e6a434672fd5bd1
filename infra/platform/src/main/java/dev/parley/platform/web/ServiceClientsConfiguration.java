package dev.parley.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** {@link ServiceClients}: blocking calls to other services, for either web stack. */
@AutoConfiguration
@ConditionalOnClass(RestClient.class)
@ConditionalOnWebApplication
public class ServiceClientsConfiguration {

	@Bean
	ServiceClients serviceClients(ObjectProvider<LoadBalancerInterceptor> loadBalancer) {
		return new ServiceClients(loadBalancer);
	}

}
