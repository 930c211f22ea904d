// My Account: the General Settings and Credentials tabs (seed 001's My Account Settings).
import {act, badge, confirmDialog, el, issuedFields, oneTimeSecret, say, when} from './ui.js';

export async function renderAccount(ctx, tab) {
    const main = ctx.main;
    main.replaceChildren(
        el('h1', {}, 'My Account Settings'),
        el('div', {class: 'tabs', role: 'tablist'},
            el('a', {role: 'tab', href: '#/account/general', 'aria-selected': String(tab === 'general')}, 'General Settings'),
            el('a', {role: 'tab', href: '#/account/credentials', 'aria-selected': String(tab === 'credentials')}, 'Credentials')));
    const panel = el('section', {role: 'tabpanel'});
    main.append(panel);
    if (tab === 'general') {
        general(ctx, panel);
    } else {
        await credentials(ctx, panel);
    }
}

function general(ctx, panel) {
    const me = ctx.me;
    panel.append(el('div', {class: 'card'}, el('dl', {class: 'facts'},
        el('dt', {}, 'Name'), el('dd', {id: 'me-name'}, ctx.keycloak.tokenParsed?.name || me.username),
        el('dt', {}, 'Username'), el('dd', {}, me.username),
        el('dt', {}, 'E-mail'), el('dd', {}, me.email || '—'),
        el('dt', {}, 'MFA'), el('dd', {id: 'me-mfa'}, me.mfaConfigured === null ? 'unknown'
            : me.mfaConfigured ? 'configured in Keycloak' : 'not configured'),
        el('dt', {}, 'Login'), el('dd', {id: 'me-federated'}, me.federated
            ? 'federated: you signed in through another identity provider' : 'your own account in this realm'),
        el('dt', {}, 'Operator'), el('dd', {}, me.operator ? 'yes: you may create tenants' : 'no'))),
        el('h2', {}, 'Memberships'),
        el('div', {class: 'table-wrap'}, el('table', {},
            el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Tenant'), el('th', {scope: 'col'}, 'Role'))),
            el('tbody', {}, me.memberships.map(m => el('tr', {}, el('td', {}, `${m.tenantName} (${m.tenant})`), el('td', {}, m.role)))))),
        el('p', {}, 'Your password and MFA live in Keycloak: ',
            el('a', {href: me.accountConsole, rel: 'noopener'}, 'change them in the account console'), '.'));
}

async function credentials(ctx, panel) {
    const tenant = ctx.tenant;
    if (!tenant) {
        panel.append(el('p', {}, 'You are not a member of any tenant yet.'));
        return;
    }
    const base = `/tenants/${tenant.slug}/credentials`;
    const policy = tenant.policy;
    say('Loading credentials…');
    const [list, eligibility] = await Promise.all([ctx.api.get(`${base}?includeRevoked=true`), ctx.api.get(`${base}/eligibility`)]);
    say('');

    const generate = el('button', {type: 'submit', id: 'generate', disabled: !eligibility.allowed,
        'aria-describedby': eligibility.allowed ? null : 'generate-refusal'}, 'Generate Credentials');
    // each permission with what it opens: an EUID key's roles name the operator's endpoints
    const permissions = policy.permissionsChosen ? el('fieldset', {id: 'permissions'}, el('legend', {}, 'Permissions'),
        policy.permissionCatalogue.map(p => el('label', {}, el('input', {type: 'checkbox', name: 'permission', value: p}), p,
            policy.permissionsOpen?.[p] ? el('small', {class: 'muted'}, ` ${policy.permissionsOpen[p]}`) : null))) : null;
    const euid = policy.credentialKind === 'euid-key';
    const form = el('form', {class: 'card', id: 'generate-form', 'aria-labelledby': 'generate-title'},
        el('h2', {id: 'generate-title'}, 'Generate Credentials'),
        eligibility.allowed ? null : el('p', {class: 'notice', id: 'generate-refusal'}, eligibility.reason),
        el('div', {class: 'inline'},
            el('label', {}, 'Name', el('input', {name: 'name', required: true, maxlength: 100, autocomplete: 'off'})),
            el('label', {}, 'Environment', el('select', {name: 'environment'},
                tenant.environments.map(e => el('option', {value: e}, e)))),
            generate),
        permissions,
        euid ? null : el('details', {id: 'public-key'},
            el('summary', {}, 'Sign in with a key instead of a secret (private_key_jwt)'),
            el('label', {}, 'Public key: a JWK or a JWK set, JSON (EC P-256, RSA, or Ed25519; never the private key)',
                el('textarea', {name: 'jwk', rows: 4, spellcheck: 'false', autocomplete: 'off'}))));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const body = {name: data.get('name'), environment: data.get('environment')};
        if (policy.permissionsChosen) body.permissions = data.getAll('permission');
        const jwk = (data.get('jwk') || '').trim();
        if (jwk) {
            try {
                const parsed = JSON.parse(jwk);
                body.jwks = Array.isArray(parsed.keys) ? parsed : {keys: [parsed]};
            } catch (notJson) {
                say('The public key is not JSON: paste the JWK as your tool printed it.');
                return;
            }
        }
        act(generate, form, 'Generating credentials…', async () => {
            const issued = await ctx.api.post(base, body);
            await ctx.refresh();
            const panel = ctx.main.querySelector('[role=tabpanel]');
            if (issued.authentication === 'private_key_jwt') {
                panel.prepend(el('div', {class: 'card', id: 'key-credential', role: 'status'},
                    el('h2', {}, 'Credentials with your key'),
                    el('p', {}, 'Client ID ', el('code', {id: 'new-client-id'}, issued.clientId), ', key ',
                        el('code', {}, issued.publicKeyIds.join(', ')), '. No secret was made: your client signs a short '
                        + 'assertion with its private key for every token request.')));
            } else {
                panel.prepend(oneTimeSecret(issuedFields(issued),
                    euid ? 'The API key goes in the Authorization header; the client secret encrypts every request and never travels.' : null));
            }
            say(`Credentials "${issued.name}" generated`);
        }, ctx.keycloak);
    });
    panel.append(form);

    const rows = list.map(c => row(ctx, base, c, policy));
    const report = el('button', {type: 'button', class: 'secondary', id: 'credential-report'}, 'Credential report (CSV)');
    report.addEventListener('click', () => act(report, panel, 'Preparing the credential report…', async () => {
        await ctx.api.download(`${base}/report`, `keyward-credentials-${tenant.slug}.csv`);
        say('Credential report saved.');
    }, ctx.keycloak));
    panel.append(el('h2', {}, 'Your credentials'), el('div', {class: 'actions'}, report), list.length === 0 ? el('p', {}, 'None yet.') :
        el('div', {class: 'table-wrap'}, el('table', {id: 'credentials'},
            el('thead', {}, el('tr', {}, ['Name', euid ? 'Key ID' : 'Client ID', 'Status', 'Environment', 'Permissions', 'Owner', 'Created',
                'Expires', 'Last used', 'Secret', 'Actions'].map(h => el('th', {scope: 'col'}, h)))),
            el('tbody', {}, rows))));
}

function row(ctx, base, c, policy) {
    const id = c.keyId || c.clientId;
    const tr = el('tr', {dataset: {clientId: id}});
    const live = c.status === 'active' || c.status === 'disabled' || c.status === 'suspended';
    const where = () => ctx.main.querySelector('[role=tabpanel]');
    const rotate = el('button', {type: 'button', class: 'secondary', onclick: (e) => rotateDialog(ctx, base, c, e.target)}, 'Rotate');
    const toggle = c.status === 'disabled'
        ? el('button', {type: 'button', class: 'secondary', onclick: (e) => act(e.target, where(), 'Enabling…', async () => {
            await ctx.api.post(`${base}/${c.id}/enable`); await ctx.refresh(); say(`"${c.name}" enabled`);
        }, ctx.keycloak)}, 'Enable')
        : el('button', {type: 'button', class: 'secondary', onclick: (e) => act(e.target, where(), 'Disabling…', async () => {
            await ctx.api.post(`${base}/${c.id}/disable`); await ctx.refresh(); say(`"${c.name}" disabled`);
        }, ctx.keycloak)}, 'Disable');
    const revoke = el('button', {type: 'button', class: 'danger', onclick: async (e) => {
        const sure = await confirmDialog('Revoke Credentials',
            c.keyId ? `Revoke "${c.name}" (${id})? Its API key and client secret stop working at once, and the secret is erased. This cannot be undone.`
                : `Revoke "${c.name}" (${id})? Every token issued from it stops working at once. This cannot be undone.`, 'Remove');
        if (sure) {
            await act(e.target, where(), 'Revoking…', async () => {
                await ctx.api.del(`${base}/${c.id}`); await ctx.refresh(); say(`"${c.name}" revoked`);
            }, ctx.keycloak);
        }
    }}, 'Revoke Credentials');
    const myRole = ctx.me.memberships.find(m => m.tenant === ctx.tenant.slug)?.role;
    const mayBreakGlass = (ctx.me.operator || (myRole === 'super-admin' && ctx.tenant.breakGlassBySuperAdmins))
        && c.owner && c.owner.username !== ctx.me.username;
    const breakGlass = mayBreakGlass
        ? el('button', {type: 'button', class: 'danger', dataset: {action: 'break-glass'}, onclick: (e) => breakGlassDialog(ctx, base, c, e.target)},
            'Break glass')
        : null;
    const edit = policy.permissionsChosen
        ? el('button', {type: 'button', class: 'secondary', onclick: (e) => permissionsDialog(ctx, base, c, policy, e.target)}, 'Edit permissions')
        : null;
    tr.append(el('td', {}, c.name), el('td', {}, el('code', {}, id)), el('td', {class: 'status-cell'}, badge(c.status),
            c.dormant ? el('small', {class: 'muted', title: 'Disabled for going unused; only its owner may enable it'}, ' dormant') : null),
        el('td', {}, c.environment), el('td', {}, c.permissions.join(' ')), el('td', {}, c.owner ? c.owner.username : 'the tenant'),
        el('td', {}, when(c.createdAt)), el('td', {}, when(c.expiresAt)), el('td', {class: 'last-used'}, when(c.lastUsedAt)),
        el('td', {}, c.publicKeyIds ? el('small', {}, 'key ', el('code', {}, c.publicKeyIds.join(', '))) : el('code', {}, c.secretHint)),
        el('td', {}, live ? el('div', {class: 'actions'}, c.authentication === 'private_key_jwt' ? null : rotate, edit, toggle, revoke, breakGlass) : '—'));
    return tr;
}

/**
 * Break-glass: an emergency revocation of someone else's credential, with a written reason; the server asks for an MFA
 * login within the last five minutes, and the problem it answers offers the sign-in.
 */
function breakGlassDialog(ctx, base, c, button) {
    const reason = el('textarea', {name: 'reason', required: true, minlength: 10, maxlength: 500, rows: 3});
    const dialog = el('dialog', {'aria-labelledby': 'break-glass-title', id: 'break-glass'},
        el('h2', {id: 'break-glass-title'}, `Break glass on "${c.name}"`),
        el('p', {}, `Revoke ${c.owner.username}'s credential now, although the policy lets only its owner revoke it. `
            + 'The reason is written to the audit trail and mailed to the owner and every super admin.'),
        el('form', {method: 'dialog'}, el('label', {}, 'Reason', reason),
            el('div', {class: 'actions'}, el('button', {value: 'cancel', class: 'secondary', formnovalidate: true}, 'Cancel'),
                el('button', {value: 'confirm', class: 'danger'}, 'Revoke now'))));
    dialog.addEventListener('close', () => {
        const confirmed = dialog.returnValue === 'confirm';
        const why = reason.value;
        dialog.remove();
        if (confirmed) {
            act(button, ctx.main.querySelector('[role=tabpanel]'), 'Breaking the glass…', async () => {
                await ctx.api.post(`${base}/${c.id}/break-glass`, {reason: why});
                await ctx.refresh();
                say(`"${c.name}" revoked in an emergency`);
            }, ctx.keycloak);
        }
    });
    document.body.append(dialog);
    dialog.showModal();
}

/** The credential's permissions as checkboxes, each with what it opens; saved at once, carried by its next use. */
function permissionsDialog(ctx, base, c, policy, button) {
    const dialog = el('dialog', {'aria-labelledby': 'permissions-title'},
        el('h2', {id: 'permissions-title'}, `Permissions of "${c.name}"`),
        el('form', {method: 'dialog'},
            el('fieldset', {}, el('legend', {}, 'Permissions'), policy.permissionCatalogue.map(p => el('label', {},
                el('input', {type: 'checkbox', name: 'permission', value: p, checked: c.permissions.includes(p)}), p,
                policy.permissionsOpen?.[p] ? el('small', {class: 'muted'}, ` ${policy.permissionsOpen[p]}`) : null))),
            el('div', {class: 'actions'}, el('button', {value: 'cancel', class: 'secondary'}, 'Cancel'),
                el('button', {value: 'save'}, 'Save'))));
    dialog.addEventListener('close', () => {
        const chosen = [...dialog.querySelectorAll('input[name=permission]:checked')].map(i => i.value);
        const save = dialog.returnValue === 'save';
        dialog.remove();
        if (!save) return;
        act(button, ctx.main.querySelector('[role=tabpanel]'), 'Saving permissions…', async () => {
            await ctx.api.put(`${base}/${c.id}/permissions`, {permissions: chosen});
            await ctx.refresh();
            say(`"${c.name}" now carries ${chosen.join(', ')}`);
        }, ctx.keycloak);
    });
    document.body.append(dialog);
    dialog.showModal();
}

function rotateDialog(ctx, base, c, button) {
    const dialog = el('dialog', {'aria-labelledby': 'rotate-title'},
        el('h2', {id: 'rotate-title'}, `Rotate "${c.name}"`),
        el('p', {}, c.keyId ? 'A new client secret is issued now; the API key stays. The old secret can keep encrypting for a grace period, so that clients can switch over.'
            : 'A new secret is issued now. The old one can keep working for a grace period, so that clients can switch over.'),
        el('form', {method: 'dialog'},
            el('label', {}, 'Old secret keeps working for', el('select', {name: 'grace'},
                el('option', {value: '0'}, 'no time: stop it now'), el('option', {value: '3600', selected: true}, 'one hour'),
                el('option', {value: '86400'}, 'one day'), el('option', {value: '604800'}, 'one week'))),
            el('div', {class: 'actions'}, el('button', {value: 'cancel', class: 'secondary'}, 'Cancel'),
                el('button', {value: 'rotate'}, 'Rotate'))));
    dialog.addEventListener('close', () => {
        const grace = Number(dialog.querySelector('select').value);
        const chosen = dialog.returnValue === 'rotate';
        dialog.remove();
        if (!chosen) return;
        const where = ctx.main.querySelector('[role=tabpanel]');
        act(button, where, 'Rotating…', async () => {
            const issued = await ctx.api.post(`${base}/${c.id}/rotate`, {graceSeconds: grace});
            await ctx.refresh();
            ctx.main.querySelector('[role=tabpanel]').prepend(oneTimeSecret(issuedFields(issued),
                issued.previousSecretValidUntil ? `The previous secret works until ${when(issued.previousSecretValidUntil)}.`
                    : 'The previous secret no longer works.'));
            say(`"${c.name}" rotated`);
        }, ctx.keycloak);
    });
    document.body.append(dialog);
    dialog.showModal();
}

