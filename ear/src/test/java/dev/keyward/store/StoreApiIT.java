package dev.keyward.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Store.accessToken;
import static dev.keyward.it.Store.as;
import static dev.keyward.it.Store.customer;
import static dev.keyward.it.Store.customerToken;
import static dev.keyward.it.Store.get;
import static dev.keyward.it.Store.implicitToken;
import static dev.keyward.it.Store.post;
import static dev.keyward.it.Store.product;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store API with every kind of token: what client_credentials, implicit and customer tokens open,
 * and what they do not (Elastic Path's security document, seed 000).
 */
class StoreApiIT {

    String store;
    Issued alices;
    String backOffice;

    @BeforeEach
    void store() {
        store = tenant("elastic-path", "alice", "admin", "bob", "member");
        alices = credential(store, "alice", body("name", "back office"));
        backOffice = accessToken(alices.clientId(), alices.secret());
    }

    @Test
    void clientCredentialsManageProductsImplicitTokensReadLiveOnes() {
        String live = product(backOffice, "SKU-LIVE", "live");
        String draft = product(backOffice, "SKU-DRAFT", "draft");

        Answer implicitGrant = Http.tokenRequest(Map.of("grant_type", "implicit", "client_id", alices.clientId()));
        assertEquals(200, implicitGrant.status(), implicitGrant.toString());
        assertEquals("implicit", implicitGrant.json().get("identifier").asText());
        assertEquals("products:read", implicitGrant.json().get("scope").asText());
        String storefront = implicitGrant.json().get("access_token").asText();

        assertEquals("SKU-LIVE", get("/v2/products/" + live, storefront).json().get("data").get("sku").asText());
        Answer hidden = get("/v2/products/" + draft, storefront);
        assertEquals(404, hidden.status(), "a draft is not on the storefront");
        assertEquals("404", hidden.json().get("errors").get(0).get("status").asText());
        String listed = get("/v2/products", storefront).body();
        assertTrue(listed.contains(live) && !listed.contains(draft), listed);

        Answer write = post("/v2/products", storefront, "{\"data\":{\"type\":\"product\",\"name\":\"x\",\"sku\":\"x\"}}");
        assertEquals(403, write.status());
        assertTrue(write.header("WWW-Authenticate").contains("error=\"insufficient_scope\""), write.header("WWW-Authenticate"));
        assertTrue(write.header("WWW-Authenticate").contains("scope=\"products:write\""), write.header("WWW-Authenticate"));
        assertEquals("403", write.json().get("errors").get(0).get("status").asText());

        assertEquals("draft", get("/v2/products/" + draft, backOffice).json().get("data").get("status").asText());
        Answer updated = as(backOffice).put("/v2/products/" + draft,
                "{\"data\":{\"type\":\"product\",\"name\":\"Renamed\",\"sku\":\"SKU-DRAFT\",\"status\":\"live\"}}");
        assertEquals("Renamed", updated.json().get("data").get("name").asText());
        Answer nowLive = get("/v2/products/" + draft, storefront);
        assertEquals(200, nowLive.status(), "now live, at once, though the draft was read before the change");
        assertEquals("Renamed", nowLive.json().get("data").get("name").asText(), nowLive.body());
        assertEquals(updated.json().get("data"), nowLive.json().get("data"), "the read shows what the update answered");
        assertEquals(204, as(backOffice).delete("/v2/products/" + draft).status());
        assertEquals(404, get("/v2/products/" + draft, backOffice).status());

        assertEquals(409, post("/v2/products", backOffice, "{\"data\":{\"type\":\"product\",\"name\":\"again\",\"sku\":\"SKU-LIVE\"}}").status());
        assertEquals(400, post("/v2/products", backOffice, "{\"data\":{\"type\":\"customer\",\"name\":\"x\",\"sku\":\"y\"}}").status());
        assertEquals(400, post("/v2/products", backOffice, "{\"data\":").status());
        Answer tooLong = post("/v2/products", backOffice, "{\"data\":{\"type\":\"product\",\"name\":\"" + "n".repeat(201) + "\",\"sku\":\"SKU-LONG\"}}");
        assertEquals(400, tooLong.status(), "longer than its column: refused, not a duplicate SKU nor a 500");
        assertTrue(tooLong.json().get("errors").get(0).get("detail").asText().contains("at most 200"), tooLong.body());
        assertFalse(get("/v2/products", backOffice).body().contains("SKU-LONG"), "nothing stored");
        assertEquals(List.of("product.deleted", "product.updated", "product.created", "product.created"),
                auditTypes(store, "alice", "?actor=" + alices.clientId()).stream().filter(t -> t.startsWith("product.")).toList());
    }

    @Test
    void aCustomerTokenOpensThatCustomersProfileAddressesAndOrdersOnly() {
        String ann = customer(backOffice, "ann@example.test", "ann-secret-1");
        String ben = customer(backOffice, "ben@example.test", "ben-secret-1");
        assertEquals(201, post("/v2/customers/" + ann + "/addresses", backOffice,
                "{\"data\":{\"type\":\"address\",\"first_name\":\"Ann\",\"line_1\":\"1 High St\",\"city\":\"Leeds\",\"postcode\":\"LS1\",\"country\":\"GB\"}}").status());
        assertEquals(201, post("/v2/customers/" + ann + "/orders", backOffice,
                "{\"data\":{\"type\":\"order\",\"total\":{\"amount\":1250,\"currency\":\"GBP\"}}}").status());

        String storefront = implicitToken(alices.clientId());
        Answer wrong = customerToken(storefront, "ann@example.test", "not-her-password");
        assertEquals(401, wrong.status());
        assertEquals(401, customerToken(storefront, "nobody@example.test", "whatever-1").status(), "same answer for an unknown e-mail");
        Answer signedIn = customerToken(storefront, "ANN@example.test", "ann-secret-1");
        assertEquals(200, signedIn.status(), signedIn.toString());
        JsonNode t = signedIn.json().get("data");
        assertEquals("token", t.get("type").asText());
        assertEquals(ann, t.get("customer_id").asText());
        long lifetime = t.get("expires").asLong() - System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(lifetime - 86400) < 120, "a customer token lasts 24 hours: " + lifetime);
        String annToken = t.get("token").asText();

        // client side: implicit token + customer token
        assertEquals("ann@example.test", as(storefront).forCustomer(annToken).get("/v2/customers/" + ann).json().get("data").get("email").asText());
        Answer longAddress = post("/v2/customers/" + ann + "/addresses", backOffice,
                "{\"data\":{\"type\":\"address\",\"line_1\":\"" + "l".repeat(201) + "\",\"city\":\"Leeds\",\"postcode\":\"LS1\",\"country\":\"GB\"}}");
        assertEquals(400, longAddress.status(), longAddress.body());
        assertEquals(1, as(storefront).forCustomer(annToken).get("/v2/customers/" + ann + "/addresses").json().get("data").size());
        JsonNode orders = as(storefront).forCustomer(annToken).get("/v2/customers/" + ann + "/orders").json().get("data");
        assertEquals(1, orders.size());
        assertEquals(1250, orders.get(0).get("total").get("amount").asLong());
        assertEquals(404, as(storefront).forCustomer(annToken).get("/v2/customers/" + ben).status(), "another customer does not exist for ann");
        assertEquals(404, as(storefront).forCustomer(annToken).get("/v2/customers/" + ben + "/orders").status());
        assertEquals(403, get("/v2/customers/" + ann, storefront).status(), "an implicit token alone opens no customer");
        assertEquals(403, as(storefront).forCustomer(annToken).post("/v2/customers/" + ann + "/orders",
                "{\"data\":{\"type\":\"order\",\"total\":{\"amount\":1,\"currency\":\"GBP\"}}}").status(), "customers do not place orders here");
        assertEquals(200, as(storefront).forCustomer(annToken).put("/v2/customers/" + ann,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Ann B\"}}").status(), "ann may update her own profile");

        // server side: client_credentials + customer token limits the back office to that customer
        assertEquals(200, as(backOffice).forCustomer(annToken).get("/v2/customers/" + ann).status());
        assertEquals(404, as(backOffice).forCustomer(annToken).get("/v2/customers/" + ben).status());
        assertEquals(200, get("/v2/customers/" + ben, backOffice).status(), "without a customer token the back office sees every customer");

        assertEquals(401, get("/v2/products", annToken).status(), "a customer token is not an access token");
        assertEquals(401, as(storefront).forCustomer(backOffice).get("/v2/customers/" + ann).status(), "nor the reverse");
        assertFalse(get("/v2/customers/" + ann, backOffice).body().contains("password"), "no password, no hash");

        assertEquals(200, as(storefront).forCustomer(annToken).put("/v2/customers/" + ann,
                "{\"data\":{\"type\":\"customer\",\"password\":\"ann-secret-2\"}}").status(), "ann changes her password");
        assertEquals(401, as(storefront).forCustomer(annToken).get("/v2/customers/" + ann).status(),
                "every customer token given before the change is over");
        String again = customerToken(storefront, "ann@example.test", "ann-secret-2").json().get("data").get("token").asText();
        assertEquals(200, as(storefront).forCustomer(again).get("/v2/customers/" + ann).status());
    }

    @Test
    void permissionsEnvironmentsAndTenantsBoundWhatATokenOpens() {
        String store = tenant("elastic-path", List.of("production", "integration"), "alice", "admin", "carol", "admin");
        Issued alices = credential(store, "alice", body("name", "alice's", "environment", "production"));
        Issued carols = credential(store, "carol", body("name", "carol's", "environment", "integration"));
        Answer narrowed = Http.tokenRequest(Map.of("grant_type", "client_credentials", "scope", "products:read"), alices.clientId(), alices.secret());
        assertEquals(200, narrowed.status(), narrowed.toString());
        String reader = narrowed.json().get("access_token").asText();
        Answer products = Http.tokenRequest(Map.of("grant_type", "client_credentials", "scope", "products:read products:write"),
                alices.clientId(), alices.secret());
        String write = products.json().get("access_token").asText();
        String inIntegration = accessToken(carols.clientId(), carols.secret());

        String prod = product(write, "P-1", "live");
        assertEquals(200, get("/v2/products/" + prod, reader).status());
        assertEquals(403, post("/v2/products", reader, "{\"data\":{\"type\":\"product\",\"name\":\"x\",\"sku\":\"x\"}}").status());
        assertEquals(403, get("/v2/customers/" + UUID.randomUUID(), write).status(), "no customers permission");
        assertEquals(404, get("/v2/products/" + prod, inIntegration).status(), "integration never reads production");
        assertFalse(get("/v2/products", inIntegration).body().contains(prod));
        String test = product(inIntegration, "P-1", "live");
        assertFalse(get("/v2/products", reader).body().contains(test), "nor the reverse");

        assertEquals(404, get("/v2/products/" + prod, backOffice).status(), "another tenant's product does not exist");
        String console = tenant("sensedia", "alice", "super-admin");
        Issued consoles = credential(console, "alice", body("name", "console's"));
        Answer implicitHere = Http.tokenRequest(Map.of("grant_type", "implicit", "client_id", consoles.clientId()));
        assertEquals(401, implicitHere.status(), "Sensedia issues no implicit tokens");
        assertEquals("invalid_client", implicitHere.json().get("error").asText(), "read like an unknown ID: no secret was proved");

        assertEquals(401, get("/v2/products", null).status());
        Answer garbage = get("/v2/products", "not-a-token");
        assertEquals(401, garbage.status());
        assertTrue(garbage.header("WWW-Authenticate").contains("invalid_token"), garbage.header("WWW-Authenticate"));
        assertNotNull(garbage.json().get("errors"));
    }

    @Test
    void anExpiredTokenOpensNothingWhileTheCredentialStillWorks() throws InterruptedException {
        String brief = tenantWith("elastic-path", Map.of("tokenLifetimeSeconds", 5), "alice", "admin");
        Issued c = credential(brief, "alice", body("name", "short-lived"));
        Answer issued = Http.tokenRequest(Map.of("grant_type", "client_credentials"), c.clientId(), c.secret());
        assertEquals(5, issued.json().get("expires_in").asInt(), issued.toString());
        String token = issued.json().get("access_token").asText();
        String p = product(token, "E-1", "live");
        assertEquals(200, get("/v2/products/" + p, token).status());

        long expiresMillis = issued.json().get("expires").asLong() * 1000;
        Thread.sleep(Math.max(0, expiresMillis - System.currentTimeMillis()) + 1000);

        Answer late = get("/v2/products/" + p, token);
        assertEquals(401, late.status(), late.toString());
        assertTrue(late.header("WWW-Authenticate").contains("invalid_token"), late.header("WWW-Authenticate"));
        assertEquals("401", late.json().get("errors").get(0).get("status").asText());
        assertEquals("{\"active\":false}", Http.oauth("introspect", Map.of("token", token), c.clientId(), c.secret()).body());
        assertEquals(200, get("/v2/products/" + p, accessToken(c.clientId(), c.secret())).status(),
                "the token expired, not the credential: a new token works");
    }
}
