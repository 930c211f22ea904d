package dev.keyward.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
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
    /** How much of a refused body is read (and dropped) before the answer, without waiting for more. */
    public static final int MAX_DROPPED_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        limit(request, p.startsWith("euid/") || p.startsWith("leaks/") ? EUID_MAX_BYTES : MAX_BYTES);
    }

    /** Refuses a body above {@code maxBytes} with 413: at once when its length is declared, else once that much has come. */
    public static void limit(ContainerRequestContext request, int maxBytes) {
        if (declaredLength(request) > maxBytes) {
            dropWhatCame(request.getEntityStream());
            throw tooLarge(maxBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
        }
    }

    /**
     * The body of a request served by a plain servlet, whole, refused as {@link #limit} refuses it for JAX-RS: at once
     * when its declared length passes {@code maxBytes}, else once more than that has come.
     */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            dropWhatCame(request.getInputStream());
            throw tooLarge(maxBytes);
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return body;
    }

    /**
     * Reads and drops what has come of a refused body (at most {@value #MAX_DROPPED_BYTES} bytes), without waiting for
     * more. WildFly's buffering filter has read its start into pooled buffers, which Undertow frees once the answer is
     * complete and then reads again to drain the request when the rest of the body is still to come (a stack trace in
     * the log for every such request); read now, they are given back in order.
     */
    private static void dropWhatCame(InputStream body) {
        byte[] scrap = new byte[8192];
        long dropped = 0;
        try {
            for (int available; dropped < MAX_DROPPED_BYTES && (available = body.available()) > 0; ) {
                int n = body.read(scrap, 0, Math.min(available, scrap.length));
                if (n < 0) {
                    return;
                }
                dropped += n;
            }
        } catch (IOException gone) {
            // the client has gone: nothing is left to drop
        }
    }

    /** The declared length, read whole: JAX-RS's {@code getLength()} is an int, and says -1 for a length above 2 GiB. */
    private static long declaredLength(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException beyondLong) {
            return Long.MAX_VALUE; // the server's parser has taken it for a number: a very large one
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
