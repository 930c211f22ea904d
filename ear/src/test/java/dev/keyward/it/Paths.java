package dev.keyward.it;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The management API's addresses, written in one place. */
public final class Paths {

    public static final String API = "/api/v1";
    public static final String TENANTS = API + "/tenants";

    private Paths() {
    }

    /** A tenant, or something under it: {@code tenantPath(slug, "credentials", id)} is {@code /api/v1/tenants/slug/credentials/id}. */
    public static String tenantPath(String slug, Object... under) {
        String tail = Arrays.stream(under).map(String::valueOf).collect(Collectors.joining("/"));
        return TENANTS + "/" + slug + (tail.isEmpty() ? "" : "/" + tail);
    }
}
