import { describe, expect, it } from 'vitest';
import { phoneProblems, phoneUrl } from '../../server/phone/readiness.js';

describe('phoneProblems', () => {
  it.each([
    ['http://192.168.1.20:3000', ['http://192.168.1.20:3000'], ['ip-address', 'plain-http']],
    ['https://192.168.1.20:3443', ['https://192.168.1.20:3443'], ['ip-address']],
    ['http://localhost:3000', ['http://localhost:3000'], ['localhost', 'plain-http']],
    ['https://localhost:3443', ['https://localhost:3443'], ['localhost']],
    ['http://127.0.0.1:3000', ['http://127.0.0.1:3000'], ['localhost', 'plain-http']],
    ['http://[::1]:3000', ['http://[::1]:3000'], ['localhost', 'plain-http']],
    ['https://[fd00::2]:3443', ['https://[fd00::2]:3443'], ['ip-address']],
    ['http://lab.home.arpa:3000', ['http://lab.home.arpa:3000'], ['plain-http']],
    ['https://lab.home.arpa:3443', ['https://lab.home.arpa:3443'], []],
    ['https://lab.home.arpa:3443', ['https://lab.home.arpa'], ['not-configured']],
    ['not a url', ['https://lab.home.arpa'], ['not-configured']],
  ])('%s (configured %j) → %j', (origin, configured, expected) => {
    expect(phoneProblems(origin, configured)).toEqual(expected);
  });
});

describe('phoneUrl', () => {
  const origins = ['http://localhost:3000', 'https://lab.localhost:3443'];
  it('opens the same origin as the page when it is configured', () => {
    expect(phoneUrl('http://localhost:3000', origins)).toBe('http://localhost:3000/login');
    expect(phoneUrl('https://lab.localhost:3443', origins)).toBe('https://lab.localhost:3443/login');
  });
  it('otherwise the first configured origin a phone can use, else the first', () => {
    expect(phoneUrl('http://10.0.0.5:3000', ['http://localhost:3000', 'https://lab.example:3443'])).toBe(
      'https://lab.example:3443/login',
    );
    expect(phoneUrl('http://10.0.0.5:3000', ['http://localhost:3000'])).toBe('http://localhost:3000/login');
  });
});
