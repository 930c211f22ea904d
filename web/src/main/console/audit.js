// The tenant's audit trail: newest first, filtered by actor, type and time, a page at a time; its hash chain verified
// by the server, and exported whole (JSON Lines, CSV) for bin/keyward audit-verify.
import {act, el, say, when} from './ui.js';

const PAGE = 20;

export async function renderAudit(ctx, query) {
    const main = ctx.main;
    const tenant = ctx.tenant;
    main.replaceChildren(el('h1', {}, 'Audit trail'));
    if (!tenant) {
        main.append(el('p', {}, 'You are not a member of any tenant yet.'));
        return;
    }
    const filters = {actor: query.get('actor') || '', type: query.get('type') || '', since: query.get('since') || '',
        until: query.get('until') || '', offset: Number(query.get('offset') || 0)};
    const form = el('form', {class: 'card inline', id: 'audit-filter', 'aria-label': 'Filter the audit trail'},
        el('label', {}, 'Actor (username)', el('input', {name: 'actor', value: filters.actor})),
        el('label', {}, 'Type', el('input', {name: 'type', value: filters.type, placeholder: 'credential.created', list: 'event-types'})),
        el('datalist', {id: 'event-types'}, ['credential.created', 'credential.rotated', 'credential.disabled', 'credential.enabled',
            'credential.revoked', 'member.added', 'member.removed', 'member.suspended', 'member.restored', 'invitation.created',
            'invitation.accepted', 'invitation.cancelled', 'leak.reported', 'policy.refused', 'token.revoked'].map(t => el('option', {value: t}))),
        el('label', {}, 'Since', el('input', {type: 'datetime-local', name: 'since', value: local(filters.since)})),
        el('label', {}, 'Until', el('input', {type: 'datetime-local', name: 'until', value: local(filters.until)})),
        el('button', {type: 'submit'}, 'Filter'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const next = new URLSearchParams();
        for (const key of ['actor', 'type']) if (data.get(key)) next.set(key, data.get(key));
        for (const key of ['since', 'until']) if (data.get(key)) next.set(key, new Date(data.get(key)).toISOString());
        location.hash = `#/audit?${next}`;
    });
    main.append(form, chainCard(ctx, tenant));

    const params = new URLSearchParams({offset: String(filters.offset), limit: String(PAGE)});
    for (const key of ['actor', 'type', 'since', 'until']) if (filters[key]) params.set(key, filters[key]);
    say('Loading the audit trail…');
    let page;
    try {
        page = await ctx.api.get(`/tenants/${tenant.slug}/audit-events?${params}`);
    } catch (error) {
        ctx.showProblem(form, error);
        return;
    }
    say('');
    main.append(el('div', {class: 'table-wrap'}, el('table', {id: 'audit'},
        el('thead', {}, el('tr', {}, ['When', 'Type', 'Actor', 'Target', 'Detail'].map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, page.events.map(e => el('tr', {},
            el('td', {}, when(e.occurredAt)), el('td', {}, el('code', {}, e.type)), el('td', {}, e.actor.username),
            el('td', {}, e.target ? `${e.target.type} ${e.target.id}` : '—'), el('td', {}, e.detail || '')))))));
    const link = (offset, label, enabled) => {
        const next = new URLSearchParams(query);
        next.set('offset', String(Math.max(0, offset)));
        return enabled ? el('a', {href: `#/audit?${next}`}, label) : el('span', {class: 'muted'}, label);
    };
    main.append(el('nav', {class: 'pager', 'aria-label': 'Pages'},
        link(filters.offset - PAGE, '← Newer', filters.offset > 0),
        el('span', {}, `${filters.offset + 1}–${filters.offset + page.events.length}`),
        link(filters.offset + PAGE, 'Older →', page.events.length === PAGE)));
}

function chainCard(ctx, tenant) {
    const result = el('p', {id: 'chain-result', role: 'status'});
    const verify = el('button', {type: 'button', id: 'verify-chain'}, 'Verify the chain');
    const jsonl = el('button', {type: 'button', class: 'secondary', id: 'export-jsonl'}, 'Export (JSON Lines)');
    const csv = el('button', {type: 'button', class: 'secondary', id: 'export-csv'}, 'Export (CSV)');
    const card = el('section', {class: 'card', id: 'chain', 'aria-label': 'The hash chain'},
        el('p', {}, 'Every event carries the hash of the one before it: an event edited, removed, inserted or moved '
            + 'breaks the chain. Keep an export, and check it later with bin/keyward audit-verify FILE.'),
        el('div', {class: 'actions'}, verify, jsonl, csv), result);
    verify.addEventListener('click', () => act(verify, card, 'Verifying the chain…', async () => {
        const v = await ctx.api.get(`/tenants/${tenant.slug}/audit-events/verify`);
        result.textContent = v.intact
            ? `Intact: ${v.events} events, the last at place ${v.lastSeq} (hash ${v.lastHash.slice(0, 16)}…).`
            : `Broken at place ${v.firstBreak.seq}: ${v.firstBreak.problem}. ${v.firstBreak.explanation}`;
        result.className = v.intact ? 'ok' : 'problem';
        say(result.textContent);
    }, ctx.keycloak));
    for (const [button, format] of [[jsonl, 'jsonl'], [csv, 'csv']]) {
        button.addEventListener('click', () => act(button, card, 'Exporting the trail…', async () => {
            await ctx.api.download(`/tenants/${tenant.slug}/audit-events/export?format=${format}`, `keyward-audit-${tenant.slug}.${format}`);
            say('Exported.');
        }, ctx.keycloak));
    }
    return card;
}

function local(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
