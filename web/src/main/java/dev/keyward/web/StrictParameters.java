package dev.keyward.web;

import dev.keyward.web.problem.InvalidParameterException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Reads whole-number and yes/no parameters strictly, and says which one is wrong: {@code limit=abc} or
 * {@code includeRevoked=yes} is a 400 naming the parameter, not JAX-RS's 404 nor a silent {@code false}.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Function<String, ?> parse;
        if (rawType == int.class || rawType == Integer.class) {
            parse = Integer::valueOf;
        } else if (rawType == long.class || rawType == Long.class) {
            parse = Long::valueOf;
        } else if (rawType == boolean.class || rawType == Boolean.class) {
            parse = StrictParameters::yesOrNo;
        } else {
            return null;
        }
        return (ParamConverter<T>) new Strict<>(name(annotations), parse);
    }

    private static Boolean yesOrNo(String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(value);
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
        }
        return "parameter";
    }

    private record Strict<T>(String name, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            try {
                return value == null ? null : parse.apply(value.trim());
            } catch (RuntimeException wrong) {
                throw new InvalidParameterException(name, value);
            }
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
