import { CookieJar } from 'tough-cookie';

/**
 * The tests' one cookie client: every test client (fetch, node:http, Fastify's inject) keeps its cookies in a
 * tough-cookie jar, which stores, expires and sends them as a browser does (domain, path, Secure, Max-Age, a cleared
 * cookie dropped), instead of each client splitting Set-Cookie headers by hand.
 */
export class Cookies {
  readonly jar = new CookieJar();

  /** The Cookie request header for url, as an object to spread into a request's headers ({} when there is none). */
  header(url: string): { cookie?: string } {
    const cookie = this.jar.getCookieStringSync(url);
    return cookie ? { cookie } : {};
  }

  /** Keeps a response's Set-Cookie header(s) for url. */
  keep(url: string, setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) this.jar.setCookieSync(line, url, { ignoreError: true });
  }
}
