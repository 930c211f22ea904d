// The console's shell: signs the person in with keycloak-js (authorization code + PKCE), keeps the tenant
// switcher and the policy in words, and routes between My Account, Team members and the Audit trail.
import Keycloak from './lib/keycloak.js';
import {createApi} from './api.js';
import {renderAccount} from './account.js';
import {renderAudit} from './audit.js';
import {renderTeam} from './team.js';
import {renderWebhooks} from './webhooks.js';
import {el, say, showProblem} from './ui.js';

const config = await (await fetch('/console/config.json')).json();
const keycloak = new Keycloak({url: config.keycloakUrl, realm: config.realm, clientId: config.clientId});
await keycloak.init({onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false});

const api = createApi(keycloak);
const main = document.getElementById('main');
const ctx = {api, keycloak, main, me: null, tenant: null, tenants: [], refresh: () => route(), showProblem: (w, e) => showProblem(w, e, keycloak)};

async function loadTenants() {
    ctx.me = await api.get('/me');
    ctx.tenants = await Promise.all(ctx.me.memberships.map(m => api.get(`/tenants/${m.tenant}`)));
    const select = document.getElementById('tenant');
    const remembered = localStorage.getItem('keyward.tenant');
    const chosen = ctx.tenants.find(t => t.slug === remembered) || ctx.tenants[0] || null;
    select.replaceChildren(...ctx.tenants.map(t => el('option', {value: t.slug, selected: t === chosen}, `${t.name} (${t.policy.preset})`)));
    select.disabled = ctx.tenants.length < 2;
    chooseTenant(chosen);
    const name = keycloak.tokenParsed?.name || ctx.me.username;
    document.getElementById('user-initials').textContent = name.split(/\s+/).map(w => w[0]).join('').slice(0, 2).toUpperCase();
}

function chooseTenant(tenant) {
    ctx.tenant = tenant;
    if (tenant) localStorage.setItem('keyward.tenant', tenant.slug);
    document.getElementById('policy-words').replaceChildren(...(tenant ? tenant.policy.inWords.map(w => el('li', {}, w)) : []));
    document.getElementById('policy').hidden = !tenant;
}

async function route() {
    const [path, search] = (location.hash.slice(1) || '/account/credentials').split('?');
    const query = new URLSearchParams(search || '');
    const section = path.split('/')[1];
    document.querySelectorAll('.bar nav a').forEach(a => {
        if (a.dataset.section === (section || 'account')) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
    });
    try {
        if (section === 'team') await renderTeam(ctx);
        else if (section === 'audit') await renderAudit(ctx, query);
        else if (section === 'webhooks') await renderWebhooks(ctx);
        else await renderAccount(ctx, path === '/account/general' ? 'general' : 'credentials');
    } catch (error) {
        main.replaceChildren(el('h1', {}, 'Keyward'));
        showProblem(main, error, keycloak);
    }
}

document.getElementById('tenant').addEventListener('change', (e) => {
    chooseTenant(ctx.tenants.find(t => t.slug === e.target.value));
    say(`Tenant ${ctx.tenant.name}`);
    route();
});
const menuButton = document.getElementById('user-menu-button');
const menu = document.getElementById('user-menu');
function toggleMenu(open) {
    menu.hidden = !open;
    menuButton.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector('[role=menuitem]').focus();
}
menuButton.addEventListener('click', () => toggleMenu(menu.hidden));
menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { toggleMenu(false); menuButton.focus(); } });
menu.addEventListener('click', (e) => { if (e.target.closest('a')) toggleMenu(false); });
document.getElementById('logout').addEventListener('click', () => keycloak.logout({redirectUri: `${location.origin}/console/`}));
window.addEventListener('hashchange', () => { route(); main.focus(); });

try {
    await loadTenants();
    await route();
} catch (error) {
    main.replaceChildren(el('h1', {}, 'Keyward'));
    showProblem(main, error, keycloak);
}
