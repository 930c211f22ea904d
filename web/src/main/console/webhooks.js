// Webhooks: the tenant's endpoints for credential events, for those who manage its team (Keyward's signed event objects,
// or Security Event Tokens for resource servers); the signing secret shown once when an endpoint is made, each endpoint's
// delivery log, and deleting one.
import {act, confirmDialog, el, oneTimeSecret, say, when} from './ui.js';

const EVENTS = ['credential.created', 'credential.rotated', 'credential.expiring', 'credential.expired', 'credential.disabled',
    'credential.enabled', 'credential.revoked', 'credential.suspended', 'credential.leaked', 'token.revoked'];

export async function renderWebhooks(ctx) {
    const main = ctx.main;
    const tenant = ctx.tenant;
    main.replaceChildren(el('h1', {}, 'Webhooks'));
    if (!tenant) {
        main.append(el('p', {}, 'You are not a member of any tenant yet.'));
        return;
    }
    const base = `/tenants/${tenant.slug}/webhooks`;
    const mine = ctx.me.memberships.find(m => m.tenant === tenant.slug);
    if (!tenant.policy.memberManagerRoles.includes(mine?.role)) {
        main.append(el('p', {class: 'notice'}, 'Webhooks are for those who manage this tenant\'s team.'));
        return;
    }
    say('Loading webhooks…');
    const endpoints = await ctx.api.get(base);
    say('');

    const add = el('button', {type: 'submit'}, 'Add endpoint');
    const form = el('form', {class: 'card', id: 'webhook-form', 'aria-labelledby': 'webhook-title'},
        el('h2', {id: 'webhook-title'}, 'Add an endpoint'),
        el('p', {class: 'muted'}, 'Each delivery is a POST signed with the endpoint\'s secret: Keyward-Signature: t=…,v1=… '
            + '(HMAC-SHA-256 of t, a dot and the body). Retried for a day until it answers 2xx.'),
        el('label', {}, 'URL (https://…; an event receiver may leave it empty and poll)', el('input', {type: 'url', name: 'url', autocomplete: 'off'})),
        el('label', {}, 'Format', el('select', {name: 'format'},
            el('option', {value: 'json'}, 'Keyward events (JSON, signed with the secret)'),
            el('option', {value: 'set'}, 'Security Event Tokens (RFC 8417, signed with Keyward\'s key): an event receiver'))),
        el('label', {}, 'Description', el('input', {name: 'description', maxlength: 200})),
        el('fieldset', {}, el('legend', {}, 'Events (none chosen: every credential event; for tokens, also token.revoked)'), EVENTS.map(e => el('label', {},
            el('input', {type: 'checkbox', name: 'events', value: e}), e))),
        el('div', {class: 'actions'}, add));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = new FormData(form);
        act(add, form, 'Adding the endpoint…', async () => {
            const made = await ctx.api.post(base, {url: data.get('url') || null, format: data.get('format'),
                description: data.get('description') || null, events: data.getAll('events')});
            await renderWebhooks(ctx);
            ctx.main.querySelector('#webhook-form').before(oneTimeSecret([['Signing secret', made.secret, 'webhook-secret']],
                'Copy the secret now: it is not shown again. Your receiver checks every delivery with it'
                + (made.pollUrl ? `, and polls ${made.pollUrl} with it as a bearer.` : '.')));
            say('Endpoint added');
        }, ctx.keycloak);
    });
    main.append(form, el('h2', {}, 'Endpoints'));
    if (endpoints.length === 0) {
        main.append(el('p', {}, 'None yet.'));
        return;
    }
    for (const w of endpoints) {
        main.append(await endpointCard(ctx, base, w));
    }
}

async function endpointCard(ctx, base, w) {
    const deliveries = await ctx.api.get(`${base}/${w.id}/deliveries?limit=20`);
    const remove = el('button', {type: 'button', class: 'danger'}, 'Delete');
    const card = el('section', {class: 'card', dataset: {webhook: w.id}},
        el('h3', {}, el('code', {}, w.url || w.pollUrl)),
        el('p', {class: 'muted'}, `${w.format === 'set' ? 'Security Event Tokens · ' : ''}${w.description || ''} ${w.description ? '· ' : ''}secret ${w.secretHint} · added ${when(w.createdAt)} by ${w.createdBy}`),
        el('p', {}, w.events.join(', ')),
        el('div', {class: 'table-wrap'}, el('table', {class: 'deliveries'},
            el('thead', {}, el('tr', {}, ['When', 'Event', 'Status', 'Attempts', 'Last answer', 'Next attempt'].map(h => el('th', {scope: 'col'}, h)))),
            el('tbody', {}, deliveries.length === 0 ? el('tr', {}, el('td', {colspan: 6}, 'No deliveries yet.'))
                : deliveries.map(d => el('tr', {},
                    el('td', {}, when(d.createdAt)), el('td', {}, el('code', {}, d.eventType)), el('td', {}, d.status),
                    el('td', {}, String(d.attempts)), el('td', {}, d.lastStatus ? `HTTP ${d.lastStatus}` : (d.lastError || '—')),
                    el('td', {}, d.nextAttemptAt ? when(d.nextAttemptAt) : '—')))))),
        el('div', {class: 'actions'}, remove));
    remove.addEventListener('click', async () => {
        if (await confirmDialog('Delete endpoint', `Stop sending events to ${w.url || w.pollUrl}? Deliveries still owed to it are dropped.`, 'Delete')) {
            await act(remove, card, 'Deleting…', async () => {
                await ctx.api.del(`${base}/${w.id}`);
                await renderWebhooks(ctx);
                say('Endpoint deleted');
            }, ctx.keycloak);
        }
    });
    return card;
}
