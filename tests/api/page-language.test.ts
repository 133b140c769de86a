import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { buildMockIdp, type MockIdp } from '../../server/idp/server.js';
import { startTestLab } from '../support/lab.js';

// Every page picks its language the same way (server/plugins/language.ts): the explicit choice, else Accept-Language
// by its q-values, else English. The lab's pages and the mock identity providers' screens used two hand-written
// parsers that disagreed with each other and with the header's rules.

let lab: Lab;
let idp: MockIdp;
beforeAll(async () => {
  lab = await startTestLab();
  idp = await buildMockIdp({
    origin: 'http://127.0.0.1:4999',
    labOrigin: 'http://localhost:3000',
    secret: 'page-language test secret',
  });
  await idp.app.ready();
});
afterAll(async () => {
  await lab.app.close();
  await idp.app.close();
});

const htmlLang = (body: string) => /<html lang="(\w+)">/.exec(body)?.[1];
const labPage = async (url: string, headers: Record<string, string>) =>
  htmlLang((await lab.app.inject({ url, headers })).body);
const idpPhone = async (headers: Record<string, string>, query = '') =>
  htmlLang((await idp.app.inject({ url: `/ui/line/phone${query}`, headers })).body);

describe('page language', () => {
  it('the lab: Accept-Language by its rules, the lang cookie first', async () => {
    for (const url of ['/login', '/phone']) {
      expect(await labPage(url, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' })).toBe('ja');
      expect(await labPage(url, { 'accept-language': 'fr;q=0.9, en;q=0.5, ja;q=0.7' })).toBe('ja');
      // "ja;q=0" refuses Japanese; "jv" (Javanese) is not Japanese.
      expect(await labPage(url, { 'accept-language': 'ja;q=0' })).toBe('en');
      expect(await labPage(url, { 'accept-language': 'jv' })).toBe('en');
      expect(await labPage(url, { 'accept-language': 'ja', cookie: 'lang=en' })).toBe('en');
    }
  });

  it('the mock identity providers: the same rules, ?lang= first', async () => {
    expect(await idpPhone({ 'accept-language': 'ja-JP' })).toBe('ja');
    // A Japanese speaker who also lists English with a low weight first still gets Japanese.
    expect(await idpPhone({ 'accept-language': 'en;q=0.1, ja' })).toBe('ja');
    expect(await idpPhone({ 'accept-language': 'ja;q=0, en;q=0.5' })).toBe('en');
    expect(await idpPhone({ 'accept-language': 'ja' }, '?lang=en')).toBe('en');
    expect(await idpPhone({ 'accept-language': 'en' }, '?lang=ja')).toBe('ja');
  });
});
