// Keyward's management API, called with the signed-in person's Keycloak token. Errors arrive as RFC 9457
// problems and are thrown as ApiProblem, so every view can show them in words.

export class ApiProblem extends Error {
    constructor(status, problem, stepUp) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.status = status;
        this.title = problem.title || `HTTP ${status}`;
        this.detail = problem.detail || '';
        this.type = problem.type;
        this.errors = problem.errors;
        this.stepUp = stepUp;
    }
}

export function createApi(keycloak) {
    async function call(method, path, body) {
        await keycloak.updateToken(30);
        const response = await fetch(`/api/v1${path}`, {
            method,
            headers: Object.assign({Authorization: `Bearer ${keycloak.token}`, Accept: 'application/json'},
                body === undefined ? {} : {'Content-Type': 'application/json'}),
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        const data = text ? JSON.parse(text) : null;
        if (!response.ok) {
            const challenge = response.headers.get('WWW-Authenticate') || '';
            const maxAge = /insufficient_user_authentication/.test(challenge) ? Number((/max_age=(\d+)/.exec(challenge) || [])[1]) : null;
            throw new ApiProblem(response.status, data || {}, maxAge ? {maxAge} : null);
        }
        return data;
    }
    /** A file the API streams (an export, a report), saved under {@code filename} through the browser. */
    async function download(path, filename) {
        await keycloak.updateToken(30);
        const response = await fetch(`/api/v1${path}`, {headers: {Authorization: `Bearer ${keycloak.token}`}});
        if (!response.ok) {
            const text = await response.text();
            throw new ApiProblem(response.status, text ? JSON.parse(text) : {}, null);
        }
        const url = URL.createObjectURL(await response.blob());
        const a = Object.assign(document.createElement('a'), {href: url, download: filename});
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
    return {
        download,
        get: (path) => call('GET', path),
        post: (path, body) => call('POST', path, body === undefined ? {} : body),
        put: (path, body) => call('PUT', path, body),
        patch: (path, body) => call('PATCH', path, body),
        del: (path) => call('DELETE', path),
    };
}
