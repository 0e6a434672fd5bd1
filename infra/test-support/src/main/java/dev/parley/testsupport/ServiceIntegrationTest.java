package dev.parley.testsupport;

import org.junit.jupiter.api.BeforeEach;

import dev.parley.testsupport.TestHttp.Caller;
import dev.parley.testsupport.TestHttp.Reply;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * What every service's base class of integration tests starts from: the service on a
 * random port against the shared infrastructure ({@link ParleyIntegrationTest}), and
 * {@link TestHttp} calls to it as a test's people.
 */
@ParleyIntegrationTest
public abstract class ServiceIntegrationTest {

	@LocalServerPort
	protected int port;

	protected TestHttp http;

	@BeforeEach
	protected void httpClient() {
		this.http = new TestHttp(this.port);
	}

	protected Reply call(Caller as, HttpMethod method, String path, Object body) {
		return this.http.call(as, method, path, body);
	}

	protected Reply get(Caller as, String path) {
		return this.http.get(as, path);
	}

	protected Reply post(Caller as, String path, Object body) {
		return this.http.post(as, path, body);
	}

	protected Reply patch(Caller as, String path, Object body) {
		return this.http.patch(as, path, body);
	}

	protected Reply delete(Caller as, String path) {
		return this.http.delete(as, path);
	}

}
