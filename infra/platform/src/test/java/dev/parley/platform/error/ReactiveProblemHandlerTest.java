package dev.parley.platform.error;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveProblemHandlerTest {

	@Test
	void aServiceThatRefusedTheConnectionIs503AndMayBeTriedAgain() {
		ProblemDetail problem = ReactiveProblemHandler.toProblem(new IllegalStateException("routing failed",
				new ConnectException("Connection refused: /127.0.0.1:8087")));
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
		assertThat(problem.getDetail()).doesNotContain("127.0.0.1");
	}

	@Test
	void anythingElseUnexpectedIs500WithoutDetails() {
		ProblemDetail problem = ReactiveProblemHandler.toProblem(new IllegalStateException("a bug at line 42"));
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getProperties()).containsEntry("code", "INTERNAL_ERROR");
		assertThat(problem.getDetail()).doesNotContain("line 42");
	}

}
