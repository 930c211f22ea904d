package dev.keyward.web.problem;

import jakarta.ws.rs.BadRequestException;

/** A query or path parameter whose value does not convert to what the endpoint takes: 400 naming the parameter. */
public class InvalidParameterException extends BadRequestException {

    private final String parameter;
    private final String value;

    public InvalidParameterException(String parameter, String value) {
        super("Parameter '" + parameter + "' does not take that value.");
        this.parameter = parameter;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }
}
