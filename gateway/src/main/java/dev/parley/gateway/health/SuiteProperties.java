package dev.parley.gateway.health;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services the services the suite is made of, as registered in Eureka
 * @param healthTimeout how long one service may take to answer its health check
 */
@ConfigurationProperties("parley.gateway")
record SuiteProperties(List<String> services, @DefaultValue("2s") Duration healthTimeout) {

}
