// Real OAuth client libraries against Keyward, unmodified: openid-client (npm) authenticating with private_key_jwt, and
// binding its tokens to a key with DPoP. OAuthClientsIT registers the credentials with the public key (one in a tenant that
// requires DPoP with server nonces) and runs this file with `node --test`.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {webcrypto} from 'node:crypto';
import * as client from 'openid-client';

const KEYWARD = process.env.KEYWARD_URL;
const CLIENT_ID = process.env.CLIENT_ID;
const PRIVATE_JWK = JSON.parse(process.env.PRIVATE_JWK);

async function configuration(clientId = CLIENT_ID) {
    const privateKey = await webcrypto.subtle.importKey('jwk', PRIVATE_JWK, {name: 'ECDSA', namedCurve: 'P-256'}, false, ['sign']);
    // Keyward publishes RFC 8414 metadata; on loopback over HTTP, which the library allows only when told
    return client.discovery(new URL(KEYWARD), clientId, {}, client.PrivateKeyJwt({key: privateKey, kid: PRIVATE_JWK.kid}),
        {algorithm: 'oauth2', execute: [client.allowInsecureRequests]});
}

test('openid-client gets a token with private_key_jwt, introspects it and revokes it', async () => {
    const config = await configuration();
    assert.ok(config.serverMetadata().token_endpoint_auth_methods_supported.includes('private_key_jwt'));

    const tokens = await client.clientCredentialsGrant(config);
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    const products = await fetch(`${KEYWARD}/v2/products`, {headers: {Authorization: `Bearer ${tokens.access_token}`}});
    assert.equal(products.status, 200, 'the token opens the store API');

    const second = await client.clientCredentialsGrant(config);
    assert.notEqual(second.access_token, tokens.access_token, 'a new assertion, a new token');

    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    assert.equal(introspected.active, true);
    assert.equal(introspected.client_id, CLIENT_ID);

    await client.tokenRevocation(config, tokens.access_token);
    const after = await fetch(`${KEYWARD}/v2/products`, {headers: {Authorization: `Bearer ${tokens.access_token}`}});
    assert.equal(after.status, 401, 'revoked through the library');
    assert.equal((await client.tokenIntrospection(config, second.access_token)).active, true, 'the other token lives on');
});

test('openid-client binds its tokens to a DPoP key, and the store API then wants a proof from that key', async () => {
    const config = await configuration();
    assert.deepEqual(config.serverMetadata().dpop_signing_alg_values_supported, ['ES256', 'RS256', 'PS256', 'EdDSA']);
    const DPoP = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));

    const tokens = await client.clientCredentialsGrant(config, {}, {DPoP});
    assert.equal(tokens.token_type.toLowerCase(), 'dpop');
    const products = await client.fetchProtectedResource(config, tokens.access_token, new URL(`${KEYWARD}/v2/products`), 'GET',
        undefined, undefined, {DPoP});
    assert.equal(products.status, 200, 'the library signs a proof for the request');

    const asBearer = await fetch(`${KEYWARD}/v2/products`, {headers: {Authorization: `Bearer ${tokens.access_token}`}});
    assert.equal(asBearer.status, 401, 'a bound token copied without its key');
    assert.match(asBearer.headers.get('www-authenticate'), /^DPoP /);

    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    assert.equal(introspected.token_type, 'DPoP');
    assert.equal(typeof introspected.cnf.jkt, 'string');
});

test('openid-client follows a tenant that asks for DPoP nonces, at the token endpoint and at the store API', async () => {
    const config = await configuration(process.env.NONCE_CLIENT_ID);
    const DPoP = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
    // the first proof of each carries no nonce: Keyward answers use_dpop_nonce with one, and the library tries again
    const tokens = await client.clientCredentialsGrant(config, {}, {DPoP});
    assert.equal(tokens.token_type.toLowerCase(), 'dpop');
    const products = await client.fetchProtectedResource(config, tokens.access_token, new URL(`${KEYWARD}/v2/products`), 'GET',
        undefined, undefined, {DPoP});
    assert.equal(products.status, 200);
    await assert.rejects(client.clientCredentialsGrant(config), (err) => err.error === 'invalid_dpop_proof',
        'this tenant requires DPoP: no token without a proof');
});
