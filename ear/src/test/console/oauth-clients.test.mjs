// Real OAuth client libraries against Keyward, unmodified: openid-client (npm) authenticating with private_key_jwt.
// OAuthClientsIT registers the credential with the public key and runs this file with `node --test`.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {webcrypto} from 'node:crypto';
import * as client from 'openid-client';

const KEYWARD = process.env.KEYWARD_URL;
const CLIENT_ID = process.env.CLIENT_ID;
const PRIVATE_JWK = JSON.parse(process.env.PRIVATE_JWK);

async function configuration() {
    const privateKey = await webcrypto.subtle.importKey('jwk', PRIVATE_JWK, {name: 'ECDSA', namedCurve: 'P-256'}, false, ['sign']);
    // Keyward publishes RFC 8414 metadata; on loopback over HTTP, which the library allows only when told
    return client.discovery(new URL(KEYWARD), CLIENT_ID, {}, client.PrivateKeyJwt({key: privateKey, kid: PRIVATE_JWK.kid}),
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
