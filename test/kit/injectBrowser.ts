/**
 * A minimal browser over `app.inject` for route tests: keeps cookies between requests the
 * way a browser does (Set-Cookie in, Cookie out, cleared cookies dropped), remembers the
 * last CSRF token a page carried, and signs in through the real login form.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export class InjectBrowser {
  readonly cookies = new Map<string, string>();
  /** The `_csrf` value of the last page that had one. */
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired = cookie.expires !== undefined && new Date(cookie.expires).getTime() <= Date.now();
      if (cookie.value === '' || expired || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token !== null) this.csrfToken = token[1];
  }

  /** Sends a request with the jar's cookies; `form` is sent url-encoded, `json` as JSON. */
  async request(method: Method, url: string, options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    const response = await this.app.inject({ method, url, headers, payload });
    this.remember(response);
    return response;
  }

  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request('GET', url, { headers });
  }

  /** Posts a form with the current CSRF token added (as a page's form would). */
  postForm(url: string, form: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request('POST', url, { form: { _csrf: this.csrfToken ?? '', ...form } });
  }

  /** Signs in through GET /login + POST /login; returns the POST's response (303 on success). */
  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/login');
    return this.postForm('/login', { email, password });
  }
}
