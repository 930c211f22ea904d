package dev.keyward.web.credential;

import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.credential.boundary.IssuedSecret;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.shared.Csv;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.member.boundary.TeamMembers;
import dev.keyward.web.StrictJson;
import dev.keyward.web.problem.Validation;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@ManagementApi
@Path("api/v1/tenants/{slug}/credentials")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClientCredentialsResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    @EJB
    ClientCredentials credentials;

    @Inject
    Callers callers;

    @EJB
    TeamMembers members;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @PathParam("slug")
    String slug;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(IssueCredentialRequest body) {
        Validation v = Validation.of(body).require("name", body.name(), ClientCredential.MAX_NAME_LENGTH)
                .optional("environment", body.environment(), 32);
        Set<Permission> permissions = permissions(v, body.permissions());
        v.done();
        IssuedSecret issued = credentials.create(slug, callers.current(), body.name(), body.environment(), permissions,
                body.expiresAt(), JwksBody.members(body.jwks()));
        return Response.created(uri.getAbsolutePathBuilder().path(issued.credential().id()).build())
                .cacheControl(NO_STORE).entity(issuedView(issued)).build();
    }

    @GET
    public List<CredentialView> list(@QueryParam("includeRevoked") @DefaultValue("false") boolean includeRevoked) {
        return credentials.list(slug, callers.current(), includeRevoked).stream()
                .map(c -> CredentialView.of(c, clock.instant())).toList();
    }

    /**
     * The credential report: every credential the caller may see, ended ones too, a row each, as CSV (in the spirit of
     * AWS's): who holds it, where it works, what it may do, and when it was created, last used, rotated, ends and ended.
     */
    @GET
    @Path("report")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response report() {
        Instant now = clock.instant();
        List<ClientCredential> all = credentials.list(slug, callers.current(), true);
        StringBuilder csv = new StringBuilder(Csv.row(REPORT_COLUMNS));
        for (ClientCredential c : all) {
            CredentialView v = CredentialView.of(c, now);
            csv.append(Csv.row(Arrays.asList(v.id(), v.kind(), v.clientId() != null ? v.clientId() : v.keyId(), v.name(),
                    v.owner() == null ? null : v.owner().username(), v.environment(), String.join(" ", v.permissions()), v.status(),
                    text(v.createdAt()), text(v.lastUsedAt()), text(v.rotatedAt()), text(v.expiresAt()), text(v.revokedAt()),
                    c.revocationReason())));
        }
        return Response.ok(csv.toString(), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"keyward-credentials-" + slug + ".csv\"").build();
    }

    static final List<String> REPORT_COLUMNS = List.of("id", "kind", "clientId", "name", "owner", "environment", "permissions",
            "status", "createdAt", "lastUsedAt", "lastRotatedAt", "expiresAt", "revokedAt", "revocationReason");

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Why the glass is broken: a sentence for the owner, the super admins and the audit trail. */
    public record BreakGlassRequest(String reason) {
    }

    /**
     * Break-glass: an emergency revocation by an operator (or a super admin where the tenant allows it), whatever the
     * policy says of who may revoke; a reason and an MFA login within the last five minutes are required.
     */
    @POST
    @Path("{id}/break-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    public CredentialView breakGlass(@PathParam("id") String id, BreakGlassRequest body) {
        Validation.of(body).require("reason", body.reason(), 500).done();
        var caller = callers.current();
        boolean mfa = members.mfaConfigured(caller).orElseThrow(() -> new DomainException(DomainException.Kind.UNAVAILABLE,
                "directory-unavailable", "Keycloak is unavailable", "Keycloak cannot say now whether you have MFA; try again shortly."));
        return CredentialView.of(credentials.breakGlass(slug, caller, id, body.reason(), mfa), clock.instant());
    }

    /** The public keys that replace a credential's ({@code private_key_jwt}): one, or the old and the new while rolling over. */
    public record PublicKeysRequest(JwksBody jwks) {
    }

    /** Replaces the public keys of a credential without a secret: its rotation. */
    @PUT
    @Path("{id}/public-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    public CredentialView replacePublicKeys(@PathParam("id") String id, PublicKeysRequest body) {
        Validation.of(body).check(body.jwks() != null, "jwks", "is required").done();
        return CredentialView.of(credentials.replacePublicKeys(slug, callers.current(), id, JwksBody.members(body.jwks())), clock.instant());
    }

    /** Whether the caller may generate a credential now, and the reason when not. */
    @GET
    @Path("eligibility")
    public ClientCredentials.Eligibility eligibility() {
        return credentials.eligibility(slug, callers.current());
    }

    @GET
    @Path("{id}")
    public CredentialView get(@PathParam("id") String id) {
        return CredentialView.of(credentials.get(slug, callers.current(), id), clock.instant());
    }

    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") String id, String body) {
        // The body is optional, so it is read by hand: an empty POST must not need a Content-Type.
        RotateCredentialRequest request = body == null || body.isBlank() ? null
                : StrictJson.read(body.getBytes(StandardCharsets.UTF_8), RotateCredentialRequest.class);
        Long grace = request == null ? null : request.graceSeconds();
        IssuedSecret issued = credentials.rotate(slug, callers.current(), id, grace);
        return Response.ok(issuedView(issued)).cacheControl(NO_STORE).build();
    }

    /** An OAuth client's client ID and secret, or an EUID key's key ID, API key and client secret. */
    private Object issuedView(IssuedSecret issued) {
        return issued.credential().kind() == CredentialKind.EUID_KEY ? IssuedEuidKey.of(issued, clock.instant())
                : IssuedCredential.of(issued, clock.instant());
    }

    /** The credential's own rate limit, instead of its tenant's ({@code {}}: the tenant's again). */
    @PUT
    @Path("{id}/rate-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    public CredentialView limitRate(@PathParam("id") String id, RateLimitBody body) {
        Validation.of(body);
        return CredentialView.of(credentials.limitRate(slug, callers.current(), id, body.toLimit()), clock.instant());
    }

    /** A credential's permissions, where its tenant chooses them per credential (an EUID key's roles). */
    @PUT
    @Path("{id}/permissions")
    @Consumes(MediaType.APPLICATION_JSON)
    public CredentialView changePermissions(@PathParam("id") String id, PermissionsBody body) {
        Validation v = Validation.of(body);
        v.check(body.permissions() != null, "permissions", "is required: the permissions the credential carries from now on");
        Set<Permission> permissions = permissions(v, body.permissions());
        v.done();
        return CredentialView.of(credentials.changePermissions(slug, callers.current(), id, permissions), clock.instant());
    }

    /** Names read as permissions; a name outside every catalogue is the field's error (the policy checks the tenant's). */
    private static Set<Permission> permissions(Validation v, Set<String> names) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (names != null) {
            for (String p : names) {
                Optional<Permission> known = Permission.named(p);
                v.check(known.isPresent(), "permissions", "'" + Validation.shortened(p) + "' is not a permission; the tenant's policy lists its catalogue");
                known.ifPresent(permissions::add);
            }
        }
        return permissions;
    }

    @POST
    @Path("{id}/disable")
    public CredentialView disable(@PathParam("id") String id) {
        return CredentialView.of(credentials.disable(slug, callers.current(), id), clock.instant());
    }

    @POST
    @Path("{id}/enable")
    public CredentialView enable(@PathParam("id") String id) {
        return CredentialView.of(credentials.enable(slug, callers.current(), id), clock.instant());
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        credentials.revoke(slug, callers.current(), id);
        return Response.noContent().build();
    }
}
