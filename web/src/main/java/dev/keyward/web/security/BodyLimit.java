package dev.keyward.web.security;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies above 64 KiB (512 KiB on the EUID endpoints, whose identity maps are large, and on the leak
 * reports, which carry up to a thousand secrets) with 413, whether
 * the client declared the length or streamed it: no Keyward request needs more, and nothing larger should be parsed.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 64 * 1024;
    /** An EUID identity map of 5 000 hashes, enveloped and in base64, is about 330 KB. */
    public static final int EUID_MAX_BYTES = 512 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        limit(request, p.startsWith("euid/") || p.startsWith("leaks/") ? EUID_MAX_BYTES : MAX_BYTES);
    }

    /** Refuses a body above {@code maxBytes} with 413: at once when its length is declared, else once that much has come. */
    public static void limit(ContainerRequestContext request, int maxBytes) {
        if (request.getLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
        }
    }

    static WebApplicationException tooLarge(int maxBytes) {
        return new WebApplicationException("The request body is larger than " + maxBytes + " bytes.",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    private static final class Limited extends FilterInputStream {
        private final int max;
        private long read;

        Limited(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }
}
