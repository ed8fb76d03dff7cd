package io.liora.common.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses. */
public final class Problems {

    private Problems() {
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, List.of());
    }

    public static Response response(ProblemType type, String detail, String instance) {
        return response(of(type, detail, instance));
    }
}
