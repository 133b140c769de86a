import { describe, expect, it } from 'vitest';
import { hashCheckCode, normalCheckCode } from '../../server/support/check-codes.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// A self-check code typed by staff with spaces between the groups, or with O for 0 and I or L for 1 (Crockford's
// reading of its alphabet), is the same code. Spaces were refused with an English pattern error; O and I were
// "not found".

const shared = stackPerFile();

describe('a check code typed with spaces', () => {
  it('is found like the same code with dashes', async () => {
    const lab = shared.stack.labUrl;
    const customer = new BrowserLikeClient();
    const sent = await customer.request(`${lab}/api/check/codes`, {
      json: { facts: { client: {}, secureContext: true, cookies: true, answers: {} }, consent: true },
    });
    expect(sent.status, sent.body).toBe(200);
    const code = (JSON.parse(sent.body) as { code: string }).code;
    const { client: staff } = await staffFlows(shared.stack).firstStaff();
    const headers = { 'sec-fetch-site': 'same-origin' };
    const withDashes = await staff.request(`${lab}/api/support/check-codes/${encodeURIComponent(code)}`, { headers });
    expect(withDashes.status).toBe(200);
    const spaced = code.replaceAll('-', ' ');
    const withSpaces = await staff.request(`${lab}/api/support/check-codes/${encodeURIComponent(spaced)}`, { headers });
    expect(withSpaces.status, withSpaces.body).toBe(200);
  });
});

describe('normalCheckCode', () => {
  it('reads a typed code the Crockford way', () => {
    expect(normalCheckCode('abcd efgh-jk01')).toBe('ABCDEFGHJK01');
    expect(normalCheckCode('O0Il-L1oi')).toBe('00111101');
    expect(hashCheckCode('7K2M-9PQR-0A1B')).toBe(hashCheckCode('7k2m 9pqr oaib'));
  });
});
