package io.liora.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches JAX-RS into a problem+json answer. Nothing leaves as a stack
 * trace: unexpected errors are logged with an id that the answer repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** SQLSTATE of a row-level-security (or privilege) violation. */
    private static final String INSUFFICIENT_PRIVILEGE = DatabaseErrors.INSUFFICIENT_PRIVILEGE;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Response.ResponseBuilder answer = Response.fromResponse(Problems.response(e.toProblem(request.path())));
        e.headers().forEach(answer::header);
        return answer.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), null,
                    violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return Problems.response(ProblemException.invalid(errors).toProblem(request.path()));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        return Problems.response(JsonProblems.of(e).toProblem(request.path()));
    }

    /** Quarkus maps this one itself (as plain JSON); ours names the field as problem+json. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return Problems.response(ProblemType.UNAUTHORIZED, "A valid bearer token is required", request.path());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return Problems.response(ProblemType.UNAUTHORIZED, "The bearer token is not valid", request.path());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.response(ProblemType.FORBIDDEN, "Your role may not do this", request.path());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, request);
        }
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, request);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (type == null) {
            type = status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
        }
        String detail = status >= 500 ? type.title() : detailOf(e, type);
        Response.ResponseBuilder answer = Response.fromResponse(Problems.response(
                new Problem(type.uri(), type.title(), status, detail, request.path(), List.of())));
        // keep Allow on 405 and Retry-After on 429/503
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("Retry-After")) {
                values.forEach(v -> answer.header(name, v));
            }
        });
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        String sqlState = DatabaseErrors.sqlState(e);
        if (DatabaseErrors.UNIQUE_VIOLATION.equals(sqlState)) {
            return Problems.response(ProblemType.CONFLICT, "Something with the same unique value already exists",
                    request.path());
        }
        if (sqlState != null && sqlState.startsWith("22")) {
            // a data exception: a value the input carried that a column cannot hold (too long, out
            // of range); the checks before the database should have said so, but never a 500
            LOG.warnf("A value reached the database that it refused (SQLSTATE %s) on %s %s", sqlState,
                    request.method(), request.path());
            return Problems.response(ProblemType.VALIDATION, "A value is too long, out of range or cannot be stored",
                    request.path());
        }
        if (INSUFFICIENT_PRIVILEGE.equals(sqlState)) {
            return Problems.response(ProblemType.FORBIDDEN, "That row belongs to another tenant",
                    request.path());
        }
        ProblemException problem = causeOfType(e, ProblemException.class);
        if (problem != null) {
            return problem(problem, request);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s %s", errorId, request.method(), request.path());
        return Problems.response(ProblemType.INTERNAL, "Unexpected error; reference " + errorId,
                request.path());
    }

    private static String detailOf(WebApplicationException e, ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "Nothing is here";
            case METHOD_NOT_ALLOWED -> "This route does not accept that method";
            case UNSUPPORTED_MEDIA_TYPE -> "This route does not accept that Content-Type";
            case NOT_ACCEPTABLE -> "This route cannot answer in the requested media type";
            default -> e.getMessage() == null ? type.title() : e.getMessage();
        };
    }

    /** {@code create.body.items[2].sku} -> {@code items[2].sku}; a query parameter keeps its name. */
    static String fieldName(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // an element of a list or map: its index belongs to the node before it
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return snakeCase(field.toString());
        }
        return parameter != null ? parameter : path.toString();
    }

    /** Bodies are snake_case JSON (quarkus.jackson.property-naming-strategy), so are field names. */
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
