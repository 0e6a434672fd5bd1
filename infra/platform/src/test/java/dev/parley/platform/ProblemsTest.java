package dev.parley.platform;

import java.util.List;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.error.Problems;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

	@Test
	void defaultCodesFollowTheStatus() {
		assertThat(Problems.defaultCode(HttpStatus.NOT_FOUND)).isEqualTo("NOT_FOUND");
		assertThat(Problems.defaultCode(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo("RATE_LIMITED");
		assertThat(Problems.defaultCode(HttpStatus.SERVICE_UNAVAILABLE)).isEqualTo("SERVICE_UNAVAILABLE");
		assertThat(Problems.defaultCode(HttpStatus.INSUFFICIENT_STORAGE)).isEqualTo("INTERNAL_ERROR");
		assertThat(Problems.defaultCode(HttpStatus.I_AM_A_TEAPOT)).isEqualTo("ERROR");
	}

	@Test
	void aDomainExceptionBecomesItsOwnStatusAndCode() {
		ProblemDetail problem = Problems.of(ApiException.forbidden("NOT_A_MEMBER", "You are not in it."));
		assertThat(problem.getStatus()).isEqualTo(403);
		assertThat(problem.getProperties()).containsEntry("code", "NOT_A_MEMBER");
		assertThat(problem.getDetail()).isEqualTo("You are not in it.");
	}

	@Test
	void withCodeKeepsAnExistingCode() {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "OTP_INVALID", "Wrong code.");
		assertThat(Problems.withCode(problem).getProperties()).containsEntry("code", "OTP_INVALID");
		ProblemDetail bare = ProblemDetail.forStatus(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(Problems.withCode(bare).getProperties()).containsEntry("code", "METHOD_NOT_ALLOWED");
	}

	@Test
	void validationProblemListsFieldsAndNamesTheFirst() {
		ProblemDetail problem = Problems.validation(List.of(new Problems.FieldError("email", "must be an e-mail"),
				new Problems.FieldError("password", "too short")));
		assertThat(problem.getDetail()).isEqualTo("email: must be an e-mail");
		assertThat(problem.getProperties()).containsEntry("code", "VALIDATION_FAILED");
		assertThat((List<?>) problem.getProperties().get("errors")).hasSize(2);
	}

}
