// Team members: the team with roles and status, invitations by e-mail, role changes and removal (seed 000).
import {act, badge, confirmDialog, el, say, when} from './ui.js';

const ROLES = ['member', 'admin', 'super-admin'];

export async function renderTeam(ctx) {
    const main = ctx.main;
    const tenant = ctx.tenant;
    main.replaceChildren(el('h1', {}, 'Team members'));
    if (!tenant) {
        main.append(el('p', {}, 'You are not a member of any tenant yet.'));
        return;
    }
    const base = `/tenants/${tenant.slug}`;
    const mine = ctx.me.memberships.find(m => m.tenant === tenant.slug);
    const manages = tenant.policy.memberManagerRoles.includes(mine?.role);
    say('Loading the team…');
    const [members, invitations] = await Promise.all([
        ctx.api.get(`${base}/members`), manages ? ctx.api.get(`${base}/invitations`) : Promise.resolve([])]);
    say('');
    const section = el('section', {'aria-labelledby': 'team-title'});
    main.append(section);

    if (manages) {
        const invite = el('button', {type: 'submit'}, 'Invite');
        const form = el('form', {class: 'card', id: 'invite-form', 'aria-labelledby': 'invite-title'},
            el('h2', {id: 'invite-title'}, 'Invite a team member'),
            el('p', {class: 'muted'}, 'Keycloak e-mails them a link to choose their own password; you never see it. ' +
                'They join the team when they first sign in.'),
            el('div', {class: 'inline'},
                el('label', {}, 'E-mail', el('input', {type: 'email', name: 'email', required: true, autocomplete: 'off'})),
                el('label', {}, 'Role', el('select', {name: 'role'}, ROLES.map(r => el('option', {value: r}, r)))),
                invite));
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const data = new FormData(form);
            act(invite, form, 'Sending the invitation…', async () => {
                await ctx.api.post(`${base}/invitations`, {email: data.get('email'), role: data.get('role')});
                await ctx.refresh();
                say(`Invitation sent to ${data.get('email')}`);
            }, ctx.keycloak);
        });
        section.append(form);
    }

    const removalWarning = tenant.policy.revokeOnMemberRemoval
        ? 'Their credentials are revoked at once, and every token issued from them stops working.'
        : 'Under this policy the keys they created stay with the tenant.';
    section.append(el('h2', {id: 'team-title'}, 'Team'), el('div', {class: 'table-wrap'}, el('table', {id: 'members'},
        el('thead', {}, el('tr', {}, ['Username', 'E-mail', 'Role', 'Status', 'MFA', 'Added', manages ? 'Actions' : null]
            .filter(Boolean).map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, members.map(m => {
            const select = el('select', {'aria-label': `Role of ${m.username}`}, ROLES.map(r => el('option', {value: r, selected: r === m.role}, r)));
            const change = el('button', {type: 'button', class: 'secondary', onclick: (e) => act(e.target, section, 'Changing the role…', async () => {
                await ctx.api.patch(`${base}/members/${m.id}`, {role: select.value}); await ctx.refresh(); say(`${m.username} is now ${select.value}`);
            }, ctx.keycloak)}, 'Change role');
            const remove = el('button', {type: 'button', class: 'danger', onclick: async (e) => {
                if (await confirmDialog(`Remove ${m.username}`, `Remove ${m.username} from ${tenant.name}? ${removalWarning}`, 'Remove')) {
                    await act(e.target, section, 'Removing…', async () => {
                        const removed = await ctx.api.del(`${base}/members/${m.id}`);
                        await ctx.refresh();
                        say(`${m.username} removed; ${removed.credentialsRevoked} credential(s) revoked`);
                    }, ctx.keycloak);
                }
            }}, 'Remove');
            return el('tr', {}, el('td', {}, m.username), el('td', {}, m.email || '—'),
                el('td', {}, manages ? el('div', {class: 'actions'}, select, change) : m.role),
                el('td', {}, badge(m.status), m.suspension ? el('div', {class: 'muted'}, m.suspension) : null),
                el('td', {}, m.mfaEnabled ? 'yes' : 'no'), el('td', {}, when(m.addedAt)),
                manages ? el('td', {}, remove) : null);
        })))));

    if (manages) {
        section.append(el('h2', {}, 'Invitations'), invitations.length === 0 ? el('p', {}, 'No invitations yet.') :
            el('div', {class: 'table-wrap'}, el('table', {id: 'invitations'},
                el('thead', {}, el('tr', {}, ['E-mail', 'Role', 'Status', 'Invited by', 'Sent', 'Expires', 'Actions']
                    .map(h => el('th', {scope: 'col'}, h)))),
                el('tbody', {}, invitations.map(i => el('tr', {dataset: {email: i.email}},
                    el('td', {}, i.email), el('td', {}, i.role), el('td', {}, badge(i.status)), el('td', {}, i.invitedBy),
                    el('td', {}, `${when(i.sentAt)} (${i.sendCount}×)`), el('td', {}, when(i.expiresAt)),
                    el('td', {}, i.status !== 'pending' ? '—' : el('div', {class: 'actions'},
                        el('button', {type: 'button', class: 'secondary', onclick: (e) => act(e.target, section, 'Re-sending…', async () => {
                            await ctx.api.post(`${base}/invitations/${i.id}/resend`); await ctx.refresh(); say(`Invitation re-sent to ${i.email}`);
                        }, ctx.keycloak)}, 'Resend'),
                        el('button', {type: 'button', class: 'danger', onclick: (e) => act(e.target, section, 'Cancelling…', async () => {
                            await ctx.api.del(`${base}/invitations/${i.id}`); await ctx.refresh(); say(`Invitation to ${i.email} cancelled`);
                        }, ctx.keycloak)}, 'Cancel')))))))));
    }
}
