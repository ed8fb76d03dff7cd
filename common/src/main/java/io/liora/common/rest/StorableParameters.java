package io.liora.common.rest;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.Problems;
import io.liora.common.text.StorableText;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path or query parameter PostgreSQL could not store ({@code /items/a%00b}) is a 400 naming
 * it, before any route or database sees it. Bodies are checked by {@link StorableStrings}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class StorableParameters implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String path = request.getUriInfo().getPath(true);
        if (StorableText.unstorable(path)) {
            errors.add(new Problem.FieldError("path", null, StorableText.PROBLEM));
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            boolean bad = StorableText.unstorable(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(StorableText::unstorable);
            if (bad) {
                errors.add(new Problem.FieldError(StorableText.unstorable(parameter.getKey()) ? "query"
                        : parameter.getKey(), null, StorableText.PROBLEM));
            }
        }
        if (!errors.isEmpty()) {
            request.abortWith(Problems.response(ProblemException.invalid(errors)
                    .toProblem(StorableText.unstorable(path) ? null : path)));
        }
    }
}
