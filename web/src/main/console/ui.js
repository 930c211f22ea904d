// Small DOM helpers: elements from data, problems shown in words, one-time secrets, confirmations.

/** el('button', {type: 'button', onclick}, 'Text', child…): attributes starting with "on" become listeners. */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else if (key === 'dataset') Object.assign(node.dataset, value);
        else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

export function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '—';
}

export function badge(status) {
    return el('span', {class: `badge ${status}`}, status);
}

/** Announces progress or success in the page's live region. */
export function say(text) {
    document.getElementById('status').textContent = text;
}

/**
 * Shows an API refusal or error next to what caused it: the problem's title and detail, in words. A step-up
 * challenge offers to sign in again with MFA.
 */
export function showProblem(where, error, keycloak) {
    where.querySelectorAll(':scope > .problem').forEach(p => p.remove());
    const box = el('div', {class: 'problem', role: 'alert'},
        el('strong', {}, error.title || 'Something went wrong'),
        el('span', {}, error.detail || error.message || String(error)));
    if (error.stepUp && keycloak) {
        box.append(' ', el('button', {type: 'button', class: 'secondary',
            onclick: () => keycloak.login({maxAge: error.stepUp.maxAge})}, 'Sign in again with MFA'));
    }
    where.prepend(box);
    say('');
    return box;
}

/** Runs an action with its button disabled and a progress message; problems land in {@code where}. */
export async function act(button, where, progress, work, keycloak) {
    button.disabled = true;
    say(progress);
    try {
        await work();
    } catch (error) {
        showProblem(where, error, keycloak);
    } finally {
        button.disabled = false;
    }
}

/**
 * Secrets shown once, with copy buttons and the warning that they will not be shown again. {@code fields} are
 * [label, value, id]: a client ID and secret, or an EUID key's key ID, API key and client secret.
 */
export function oneTimeSecret(fields, note) {
    const copy = (value, label) => el('button', {type: 'button', class: 'secondary', onclick: async (e) => {
        await navigator.clipboard.writeText(value);
        e.target.textContent = 'Copied';
        say(`${label} copied to the clipboard`);
    }}, `Copy ${label}`);
    return el('section', {class: 'secret', 'aria-labelledby': 'secret-title', id: 'one-time-secret'},
        el('h2', {id: 'secret-title'}, 'Your new credentials'),
        el('p', {class: 'notice'}, el('strong', {}, 'Copy the secret now. '),
            'It is shown this once and will not be displayed again; Keyward keeps only a hash of it, or seals it.'),
        fields.filter(([, value]) => value).flatMap(([label, value, id]) =>
            [el('div', {}, label), el('code', {id}, value), copy(value, label.toLowerCase())]),
        note ? el('p', {class: 'muted'}, note) : null);
}

/** What creating or rotating returned, as one-time fields: an OAuth client's, or an EUID key's. */
export function issuedFields(issued) {
    return issued.keyId
        ? [['Key ID', issued.keyId, 'new-key-id'], ['API key', issued.apiKey, 'new-api-key'], ['Client secret', issued.clientSecret, 'new-client-secret']]
        : [['Client ID', issued.clientId, 'new-client-id'], ['Client secret', issued.clientSecret, 'new-client-secret']];
}

/** A modal confirmation; resolves true when the confirming button is pressed. */
export function confirmDialog(title, text, confirmLabel) {
    return new Promise(resolve => {
        const dialog = el('dialog', {'aria-labelledby': 'confirm-title'},
            el('h2', {id: 'confirm-title'}, title), el('p', {}, text),
            el('form', {method: 'dialog', class: 'actions'},
                el('button', {value: 'cancel', class: 'secondary'}, 'Cancel'),
                el('button', {value: 'confirm', class: 'danger'}, confirmLabel)));
        dialog.addEventListener('close', () => {
            resolve(dialog.returnValue === 'confirm');
            dialog.remove();
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}
