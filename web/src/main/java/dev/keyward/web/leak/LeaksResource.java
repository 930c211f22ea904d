package dev.keyward.web.leak;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.leak.boundary.LeakReports;
import dev.keyward.leak.boundary.LeakReports.Finding;
import dev.keyward.leak.boundary.LeakReports.Reporter;
import dev.keyward.leak.boundary.LeakReports.Sighting;
import dev.keyward.leak.control.SecretKind;
import dev.keyward.web.StrictJson;
import dev.keyward.web.problem.Validation;
import dev.keyward.web.surface.LeakApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Leak reports. Three doors, one outcome: a real Keyward secret that still works is revoked at once.
 * <ul>
 * <li>{@code POST /leaks/github}: GitHub's secret scanning partner program. The body is GitHub's array of
 * {@code {token, type, url, source}}, signed with one of GitHub's published keys (headers
 * {@code Github-Public-Key-Identifier} and {@code Github-Public-Key-Signature}); the answer is GitHub's feedback array,
 * each secret named by its SHA-256, never echoed.</li>
 * <li>{@code /leaks/gitlab/v1/...}: GitLab's token revocation API, behind its pre-shared token.</li>
 * <li>{@code POST /leaks/revoke}: anyone, up to a thousand secrets a request, a budget of requests per address; the
 * answer says only how many were received, so it tells nobody which secrets were real.</li>
 * </ul>
 */
@LeakApi
@Path("leaks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LeaksResource {

    /** The most secrets one request may carry. */
    static final int MAX_SECRETS = 1000;
    private static final Type GITHUB_REPORT = new ArrayList<GithubLeak>() { }.getClass().getGenericSuperclass();
    private static final Type GITLAB_REPORT = new ArrayList<GitlabLeak>() { }.getClass().getGenericSuperclass();

    /** One secret as GitHub reports it. */
    public record GithubLeak(String token, String type, String url, String source) {
    }

    /** GitHub's feedback on one reported secret: its SHA-256 (hex), its type as reported, and whether it was real. */
    @JsonbPropertyOrder({"tokenHash", "tokenType", "label"})
    public record GithubFeedback(@JsonbProperty("token_hash") String tokenHash, @JsonbProperty("token_type") String tokenType,
                                 String label) {
    }

    /** One secret as GitLab reports it. */
    public record GitlabLeak(String type, String token, String location) {
    }

    /** GitLab's list of the types it may report. */
    public record GitlabTypes(List<String> types) {
    }

    /** The public endpoint's request. */
    public record Credentials(List<String> credentials) {
    }

    /** The public endpoint's answer: how many secrets were received, nothing about which were real. */
    public record Received(int received) {
    }

    @EJB
    LeakReports leaks;

    @Context
    HttpServletRequest request;

    @POST
    @Path("github")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<GithubFeedback> github(@HeaderParam("Github-Public-Key-Identifier") String keyIdentifier,
                                       @HeaderParam("Github-Public-Key-Signature") String signature, byte[] body) {
        if (!leaks.signedByGithub(keyIdentifier, signature, body)) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid-signature", "Not signed by GitHub",
                    "The report carries no valid signature of GitHub's secret scanning keys.");
        }
        List<GithubLeak> found = StrictJson.read(body, GITHUB_REPORT);
        Validation v = Validation.of(found);
        for (int i = 0; i < found.size(); i++) {
            GithubLeak leak = found.get(i);
            v.check(leak != null && leak.token() != null, "[" + i + "].token", "is required");
        }
        v.check(found.size() <= MAX_SECRETS, "", "at most " + MAX_SECRETS + " secrets a report").done();
        List<GithubFeedback> feedback = new ArrayList<>();
        for (GithubLeak leak : found) {
            Finding f = leaks.report(Reporter.GITHUB, new Sighting(leak.token(), leak.url(), leak.source()), request.getRemoteAddr());
            feedback.add(new GithubFeedback(sha256(leak.token()), leak.type(), f.real() ? "true_positive" : "false_positive"));
        }
        return feedback;
    }

    @GET
    @Path("gitlab/v1/revocable_token_types")
    public GitlabTypes gitlabTypes(@HeaderParam("Authorization") String authorization) {
        requireGitlab(authorization);
        return new GitlabTypes(Arrays.stream(SecretKind.values()).map(SecretKind::gitlabType).toList());
    }

    /** 204 once every secret is handled; 400 for a malformed body or an unknown type, before any is handled. */
    @POST
    @Path("gitlab/v1/revoke_tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response gitlabRevoke(@HeaderParam("Authorization") String authorization, byte[] body) {
        requireGitlab(authorization);
        leaks.countRequest(request.getRemoteAddr());
        List<GitlabLeak> found = StrictJson.read(body, GITLAB_REPORT);
        Validation v = Validation.of(found);
        for (int i = 0; i < found.size(); i++) {
            GitlabLeak leak = found.get(i);
            v.check(leak != null && leak.token() != null, "[" + i + "].token", "is required");
            v.check(leak != null && SecretKind.byType(leak.type()).isPresent(), "[" + i + "].type",
                    "is one of " + Arrays.stream(SecretKind.values()).map(SecretKind::gitlabType).toList());
        }
        v.check(found.size() <= MAX_SECRETS, "", "at most " + MAX_SECRETS + " secrets a request").done();
        found.forEach(leak -> leaks.report(Reporter.GITLAB, new Sighting(leak.token(), leak.location(), null), request.getRemoteAddr()));
        return Response.noContent().build();
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revoke(Credentials body) {
        leaks.countRequest(request.getRemoteAddr());
        Validation v = Validation.of(body);
        v.check(body.credentials() != null && !body.credentials().isEmpty(), "credentials", "is a list of 1 to " + MAX_SECRETS + " secrets");
        v.check(body.credentials() == null || body.credentials().size() <= MAX_SECRETS, "credentials", "at most " + MAX_SECRETS + " secrets");
        v.done();
        body.credentials().stream().filter(s -> s != null)
                .forEach(secret -> leaks.report(Reporter.PUBLIC, new Sighting(secret, null, null), request.getRemoteAddr()));
        return Response.accepted(new Received(body.credentials().size())).build();
    }

    private void requireGitlab(String authorization) {
        if (!leaks.fromGitlab(authorization)) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid-token", "Not GitLab",
                    "The request does not carry the token GitLab was given for this server.");
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
