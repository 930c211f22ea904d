package dev.keyward.web.problem;

import java.util.List;

/** A request body that is well-formed JSON but not what the endpoint takes: 400 with each offending field. */
public class InvalidBodyException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidBodyException(List<Problem.FieldError> errors) {
        super("The request body has invalid fields.", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
