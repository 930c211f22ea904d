// The console in a real browser: Debian's Chromium driven by playwright-core, against the WildFly and
// Keycloak that `mvn verify` started. ConsoleIT prepares the tenants and runs this file with `node --test`.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, sign} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {chromium} from 'playwright-core';

const KEYWARD = process.env.KEYWARD_URL;
const STORE = process.env.STORE_TENANT;          // elastic-path: alice admin, bob member
const CONSOLE = process.env.CONSOLE_TENANT;      // sensedia: dave super-admin
const STEP_UP = process.env.STEP_UP_TENANT;      // elastic-path asking admins for a fresh MFA login: alice, mia
const PARTICIPANT = process.env.PARTICIPANT_TENANT; // euid: alice admin
const SHOTS = process.env.SCREENSHOTS;
const MIA_OTP_SECRET = 'keyward-demo-mia-otp';   // the dev realm's seeded authenticator of mia
mkdirSync(SHOTS, {recursive: true});

let browser;
before(async () => {
    browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
});
after(async () => browser?.close());

/** RFC 6238 over Keycloak's raw secret; {@code ahead} periods later (Keycloak also accepts the next period's code). */
function totp(secret, ahead = 0) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + ahead));
    const h = createHmac('sha1', Buffer.from(secret)).update(counter).digest();
    const o = h[h.length - 1] & 15;
    return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** Signs in on Keycloak's real login page and waits for the console; returns the page. */
async function signIn(username, {otpSecret, otpAhead, tenant, width, through} = {}) {
    const context = await browser.newContext({viewport: {width: width || 1280, height: 900}, acceptDownloads: true});
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', e => problems.push(e.message));
    page.problems = problems;
    await page.goto(`${KEYWARD}/console/`);
    await page.waitForSelector('#kc-form-login');
    if (through) {
        await page.click(`text=${through}`);   // an identity provider's button on Keycloak's login page
        await explained(page, '#kc-form-login', `the ${through} login page`);
    }
    await page.fill('#username', username);
    await page.fill('#password', 'keyward');
    await page.click('#kc-login');
    for (let step = 0; through && step < 3; step++) {
        // a first login through a broker may ask to review the imported profile: accept what it shows
        await page.waitForLoadState('networkidle');
        if (page.url().startsWith(KEYWARD)) break;
        const submit = await page.$('form input[type=submit], form button[type=submit]');
        if (!submit) break;
        await submit.click();
    }
    if (otpSecret) {
        await explained(page, '#otp', `${username}'s one-time code page`);
        await page.fill('#otp', totp(otpSecret, otpAhead || 0));
        await page.click('#kc-login');
    }
    await explained(page, '#user-initials:not(:empty)', `the console for ${username}`);
    await page.waitForSelector('main h1');
    if (tenant) {
        await choose(page, tenant);
    }
    return page;
}

/** Waits for a selector; if it never comes, fails with what the page says instead, and a screenshot. */
async function explained(page, selector, what) {
    try {
        await page.waitForSelector(selector, {timeout: 15000});
    } catch (e) {
        await page.screenshot({path: `${SHOTS}/failed-${what.replace(/\W+/g, '-')}.png`, fullPage: true});
        const text = (await page.textContent('body')).replace(/\s+/g, ' ').trim();
        throw new Error(`${what} did not appear at ${page.url()}: "${text.slice(0, 400)}"`);
    }
}

async function choose(page, tenant) {
    if (await page.$eval('#tenant', s => s.value) !== tenant) {
        await page.selectOption('#tenant', tenant);
    }
    await page.waitForFunction(t => document.getElementById('tenant').value === t, tenant);
    await page.waitForSelector('main h1');
}

async function shot(page, name) {
    await page.screenshot({path: `${SHOTS}/${name}.png`, fullPage: true});
}

/** Opens the Credentials tab afresh (by way of another tab: the same address again would not reload it). */
async function credentialsTab(page) {
    await page.goto(`${KEYWARD}/console/#/account/general`);
    await page.waitForSelector('#me-mfa');
    await page.goto(`${KEYWARD}/console/#/account/credentials`);
    await page.waitForSelector('#generate-form');
}

async function generate(page, name) {
    await credentialsTab(page);
    await page.fill('#generate-form input[name=name]', name);
    await page.click('#generate');
    await page.waitForSelector('#one-time-secret');
    return {clientId: await page.textContent('#new-client-id'), secret: await page.textContent('#new-client-secret')};
}

async function token(clientId, secret) {
    const response = await fetch(`${KEYWARD}/oauth/access_token`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded',
            Authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')},
        body: 'grant_type=client_credentials',
    });
    return {status: response.status, body: await response.json()};
}

test('every demo persona signs in through Keycloak\'s own page, mia with her one-time code', async () => {
    for (const [who, options] of [['alice', {}], ['bob', {}], ['carol', {}], ['dave', {}], ['olivia', {}], ['mia', {otpSecret: MIA_OTP_SECRET}]]) {
        const page = await signIn(who, options);
        await page.goto(`${KEYWARD}/console/#/account/general`);
        await page.waitForSelector('#me-mfa');
        assert.equal(await page.textContent('#me-mfa'), who === 'mia' ? 'configured in Keycloak' : 'not configured', who);
        await shot(page, `general-settings-${who}`);
        assert.deepEqual(page.problems, [], `no script errors for ${who}`);
        await page.context().close();
    }
});

test('pat signs in through the partner realm and the console says the login is federated', async () => {
    const page = await signIn('pat', {through: 'Partner Co.'});
    await page.goto(`${KEYWARD}/console/#/account/general`);
    await page.waitForSelector('#me-federated');
    assert.match(await page.textContent('#me-federated'), /federated/);
    await shot(page, 'general-settings-pat-federated');
    await page.context().close();
});

test('log out ends the Keycloak session: the console asks to sign in again', async () => {
    const page = await signIn('carol');
    await page.click('#user-menu-button');
    await page.click('#logout');
    await explained(page, '#kc-form-login', 'Keycloak\'s login page after logging out');
    await page.goto(`${KEYWARD}/console/`);
    await explained(page, '#kc-form-login', 'Keycloak\'s login page, the session being over');
    await page.context().close();
});

test('a tenant asking for a fresh MFA login: refused without MFA, with the reason; allowed right after an MFA login', async () => {
    const alice = await signIn('alice', {tenant: STEP_UP});
    await credentialsTab(alice);
    assert.equal(await alice.isDisabled('#generate'), true);
    assert.match(await alice.textContent('#generate-refusal'), /no MFA configured/);
    await shot(alice, 'credentials-step-up-refused');
    await alice.context().close();

    const mia = await signIn('mia', {otpSecret: MIA_OTP_SECRET, otpAhead: 1, tenant: STEP_UP});
    const issued = await generate(mia, 'mia\'s key');
    assert.equal((await token(issued.clientId, issued.secret)).status, 200);
    await mia.context().close();
});

test('alice generates credentials, reads the secret once, uses it, and sees "last used" change', async () => {
    const page = await signIn('alice', {tenant: STORE});
    assert.match(await page.textContent('#policy-words'), /Removing a team member revokes their credentials/);
    const issued = await generate(page, 'console key');
    assert.match(issued.secret, /^kws_/);
    assert.match(await page.textContent('#one-time-secret'), /will not be displayed again/);
    await shot(page, 'credentials-secret-shown-once');

    const answer = await token(issued.clientId, issued.secret);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));

    let lastUsed = '—';
    for (let i = 0; i < 30 && lastUsed === '—'; i++) {
        await new Promise(r => setTimeout(r, 500));
        await credentialsTab(page);
        lastUsed = (await page.textContent(`tr[data-client-id="${issued.clientId}"] .last-used`)).trim();
    }
    assert.notEqual(lastUsed, '—', 'last used is shown after the token request');
    assert.doesNotMatch(await page.content(), new RegExp(issued.secret), 'the secret is gone from the page after a reload');
    await shot(page, 'credentials-last-used');

    // rotate with a grace period: a new secret, shown once
    const row = `tr[data-client-id="${issued.clientId}"]`;
    await page.click(`${row} button:has-text("Rotate")`);
    await page.selectOption('dialog select', '3600');
    await page.click('dialog button:has-text("Rotate")');
    await page.waitForSelector('#one-time-secret');
    const rotated = await page.textContent('#new-client-secret');
    assert.notEqual(rotated, issued.secret);
    assert.match(await page.textContent('#one-time-secret'), /previous secret works until/);
    assert.equal((await token(issued.clientId, rotated)).status, 200);
    await shot(page, 'credentials-rotated');

    // revoke: the confirmation's button says Remove
    await page.click(`${row} button:has-text("Revoke Credentials")`);
    await page.waitForSelector('dialog[open]');
    await shot(page, 'credentials-revoke-confirmation');
    await page.click('dialog button:has-text("Remove")');
    await page.waitForSelector(`${row} .badge.revoked`);
    assert.equal((await token(issued.clientId, rotated)).status, 401);
    await page.context().close();
});

/** A client assertion (RFC 7523) for {@code clientId}, signed ES256 with {@code privateKey}: what a private_key_jwt client sends. */
function clientAssertion(clientId, privateKey, kid) {
    const part = o => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${part({alg: 'ES256', typ: 'JWT', kid})}.${part({iss: clientId, sub: clientId, aud: `${KEYWARD}/oauth/access_token`,
        iat: now, exp: now + 60, jti: randomBytes(16).toString('hex')})}`;
    const signature = sign('sha256', Buffer.from(input), {key: privateKey, dsaEncoding: 'ieee-p1363'});
    return `${input}.${signature.toString('base64url')}`;
}

test('alice registers a public key instead of getting a secret, and her client signs its token requests with it', async () => {
    const {publicKey, privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const page = await signIn('alice', {tenant: STORE});
    await credentialsTab(page);
    await page.fill('#generate-form input[name=name]', 'signed with a key');
    await page.click('#public-key summary');
    await page.fill('#public-key textarea[name=jwk]', JSON.stringify({...publicKey.export({format: 'jwk'}), kid: 'alice-laptop'}));
    await page.click('#generate');
    await page.waitForSelector('#key-credential');
    assert.match(await page.textContent('#key-credential'), /No secret was made/);
    assert.equal(await page.$('#one-time-secret'), null, 'no secret is shown, since none exists');
    const clientId = (await page.textContent('#new-client-id')).trim();
    await shot(page, 'credentials-public-key');

    const response = await fetch(`${KEYWARD}/oauth/access_token`, {method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: clientAssertion(clientId, privateKey, 'alice-laptop')})});
    assert.equal(response.status, 200, await response.text());

    const row = `tr[data-client-id="${clientId}"]`;
    await credentialsTab(page);
    assert.match(await page.textContent(row), /alice-laptop/, 'the row names the key');
    assert.equal(await page.$(`${row} button:has-text("Rotate")`), null, 'no secret to rotate');
    await page.click(`${row} button:has-text("Revoke Credentials")`);
    await page.click('dialog button:has-text("Remove")');
    await page.waitForSelector(`${row} .badge.revoked`);
    await page.context().close();
});

/** An EUID identity map call as a participant makes it: the body an envelope under the client secret (seed 002). */
async function identityMap(apiKey, clientSecret, email) {
    const key = Buffer.from(clientSecret, 'base64');
    const nonce = randomBytes(8);
    const head = Buffer.alloc(8);
    head.writeBigInt64BE(BigInt(Date.now()));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(Buffer.concat([head, nonce, Buffer.from(JSON.stringify({email: [email]}))])), cipher.final(), cipher.getAuthTag()]);
    const response = await fetch(`${KEYWARD}/euid/v2/identity/map`, {method: 'POST',
        headers: {Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded'},
        body: Buffer.concat([Buffer.from([1]), iv, sealed]).toString('base64')});
    if (response.status !== 200) return {status: response.status, body: await response.text()};
    const answer = Buffer.from(await response.text(), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, answer.subarray(0, 12));
    decipher.setAuthTag(answer.subarray(answer.length - 16));
    const plain = Buffer.concat([decipher.update(answer.subarray(12, answer.length - 16)), decipher.final()]);
    assert.deepEqual(plain.subarray(8, 16), nonce, 'the answer carries our nonce');
    return {status: 200, body: JSON.parse(plain.subarray(16).toString())};
}

test('under euid alice picks a key\'s roles by what they open, reads its API key and client secret once, and maps with them', async () => {
    const page = await signIn('alice', {tenant: PARTICIPANT});
    await credentialsTab(page);
    assert.match(await page.textContent('#permissions'), /mapper.*\/v2\/identity\/map/s, 'each role says which endpoints it opens');
    await page.fill('#generate-form input[name=name]', 'console key');
    await page.selectOption('#generate-form select[name=environment]', 'integration');
    await page.check('#permissions input[value=mapper]');
    await page.click('#generate');
    await page.waitForSelector('#one-time-secret');
    const keyId = await page.textContent('#new-key-id');
    const apiKey = await page.textContent('#new-api-key');
    const clientSecret = await page.textContent('#new-client-secret');
    assert.match(keyId, /^EUID-C-I-\d+-\w{5}$/);
    assert.match(apiKey, /^kwe_i_/);
    await shot(page, 'euid-key-shown-once');

    const mapped = await identityMap(apiKey, clientSecret, 'jane@example.com');
    assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
    assert.equal(mapped.body.body.mapped[0].identifier, 'jane@example.com');

    await credentialsTab(page);
    assert.match(await page.textContent(`tr[data-client-id="${keyId}"]`), /mapper/);
    // the key's roles edited: a generator only, and the next identity map is refused
    await page.click(`tr[data-client-id="${keyId}"] button:has-text("Edit permissions")`);
    await page.uncheck('dialog input[value=mapper]');
    await page.check('dialog input[value=generator]');
    await page.click('dialog button:has-text("Save")');
    await page.waitForFunction(id => /generator/.test(document.querySelector(`tr[data-client-id="${id}"]`)?.textContent || ''), keyId);
    assert.equal((await identityMap(apiKey, clientSecret, 'jane@example.com')).status, 401, 'no longer a mapper');
    assert.doesNotMatch(await page.content(), new RegExp(apiKey), 'the API key is gone from the page after a reload');
    assert.ok(!(await page.content()).includes(clientSecret), 'and so is the client secret');
    await page.context().close();
});

test('under sensedia a second credential is refused, with the reason next to the disabled button', async () => {
    const page = await signIn('dave', {tenant: CONSOLE});
    assert.match(await page.textContent('#policy-words'), /One active credential per person/);
    await generate(page, 'dave\'s only key');
    await credentialsTab(page);
    assert.equal(await page.isDisabled('#generate'), true);
    assert.match(await page.textContent('#generate-refusal'), /already hold an active credential/);
    await shot(page, 'credentials-refused-sensedia');
    await page.context().close();
});

test('alice invites a member, sees the invitation, is told why a duplicate is refused, and finds it all in the audit trail', async () => {
    const page = await signIn('alice', {tenant: STORE});
    await page.goto(`${KEYWARD}/console/#/team`);
    await page.waitForSelector('#invite-form');
    const email = `console-${Date.now()}@example.test`;
    await page.fill('#invite-form input[name=email]', email);
    await page.click('#invite-form button[type=submit]');
    await page.waitForSelector(`#invitations tr[data-email="${email}"]`);
    assert.match(await page.textContent(`#invitations tr[data-email="${email}"]`), /pending/);
    await shot(page, 'team-invitation-listed');

    await page.fill('#invite-form input[name=email]', email);
    await page.click('#invite-form button[type=submit]');
    await page.waitForSelector('#invite-form .problem');
    assert.match(await page.textContent('#invite-form .problem'), /already has a pending invitation/);
    await shot(page, 'team-refusal-shown');

    await page.goto(`${KEYWARD}/console/#/audit`);
    await page.waitForSelector('#audit tbody tr');
    const trail = await page.textContent('#audit');
    for (const type of ['invitation.created', 'credential.created', 'credential.rotated', 'credential.revoked']) {
        assert.match(trail, new RegExp(type.replace('.', '\\.')), type);
    }
    await page.click('#verify-chain');
    await page.waitForFunction(() => /Intact: \d+ events/.test(document.querySelector('#chain-result').textContent));
    const [exported] = await Promise.all([page.waitForEvent('download'), page.click('#export-jsonl')]);
    const lines = (await readFile(await exported.path(), 'utf8')).trim().split('\n').map(l => JSON.parse(l));
    assert.equal(lines[0].seq, 1);
    assert.equal(lines[0].previousHash, '0'.repeat(64));
    assert.ok(lines.some(l => l.type === 'invitation.created' && l.detail && l.detail.includes(email)), 'the invitation is in the export');
    await shot(page, 'audit-chain-verified');

    await page.fill('#audit-filter input[name=type]', 'credential.rotated');
    await page.click('#audit-filter button[type=submit]');
    await page.waitForFunction(() => [...document.querySelectorAll('#audit tbody tr')].every(r => r.textContent.includes('credential.rotated')));
    await shot(page, 'audit-trail-filtered');

    await credentialsTab(page);
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#credential-report')]);
    const rows = (await readFile(await report.path(), 'utf8')).trim().split('\r\n');
    assert.match(rows[0], /^id,kind,clientId,name,owner,environment,permissions,status,createdAt,lastUsedAt/);
    assert.ok(rows.length >= 2, 'alice\'s credentials are in her report');
    await page.context().close();
});

test('alice adds a webhook endpoint, reads its signing secret once, sees its delivery log and deletes it; then an event receiver', async () => {
    const page = await signIn('alice', {tenant: STORE});
    await page.goto(`${KEYWARD}/console/#/webhooks`);
    await page.waitForSelector('#webhook-form');
    const url = `http://127.0.0.1:9/hook-${Date.now()}`;   // nobody listens: its deliveries wait and are tried again
    await page.fill('#webhook-form input[name=url]', url);
    await page.check('#webhook-form input[value="credential.created"]');
    await page.click('#webhook-form button[type=submit]');
    await page.waitForSelector('#webhook-secret');
    assert.match(await page.textContent('#webhook-secret'), /^kwh_[0-9A-Za-z]{49}$/);
    const card = `section[data-webhook]:has(code:text-is("${url}"))`;
    await page.waitForSelector(card);
    assert.match(await page.textContent(card), /credential\.created/);
    await shot(page, 'webhook-added');

    await generate(page, `hooked ${Date.now()}`);
    await page.goto(`${KEYWARD}/console/#/account/general`);
    await page.goto(`${KEYWARD}/console/#/webhooks`);
    await page.waitForFunction((u) => [...document.querySelectorAll('section[data-webhook]')]
        .some(s => s.querySelector('h3 code')?.textContent === u && /credential\.created/.test(s.querySelector('table tbody').textContent)), url);
    await shot(page, 'webhook-deliveries');

    await page.click(`${card} button.danger`);
    await page.click('dialog button[value=confirm]');
    await page.waitForFunction((u) => ![...document.querySelectorAll('section[data-webhook] code')].some(c => c.textContent === u), url);

    // an event receiver: a resource server that gets Security Event Tokens when credentials or tokens die
    const receiver = `http://127.0.0.1:9/events-${Date.now()}`;
    await page.fill('#webhook-form input[name=url]', receiver);
    await page.selectOption('#webhook-form select[name=format]', 'set');
    await page.check('#webhook-form input[value="token.revoked"]');
    await page.check('#webhook-form input[value="credential.revoked"]');
    await page.click('#webhook-form button[type=submit]');
    await page.waitForSelector('#webhook-secret');
    const receiverCard = `section[data-webhook]:has(code:text-is("${receiver}"))`;
    await page.waitForSelector(receiverCard);
    const text = await page.textContent(receiverCard);
    assert.match(text, /Security Event Tokens/);
    assert.match(text, /credential\.revoked, token\.revoked/);
    await shot(page, 'event-receiver-added');
    await page.click(`${receiverCard} button.danger`);
    await page.click('dialog button[value=confirm]');
    await page.waitForFunction((u) => ![...document.querySelectorAll('section[data-webhook] code')].some(c => c.textContent === u), receiver);
    await page.context().close();
});

test('the console works at phone width and by keyboard', async () => {
    const page = await signIn('bob', {tenant: STORE, width: 390});
    await page.focus('#user-menu-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#user-menu:not([hidden])');
    await page.keyboard.press('Enter');   // the focused first item: My Account Settings
    await page.waitForSelector('#me-mfa');
    await shot(page, 'phone-general-settings');
    await page.context().close();
});
