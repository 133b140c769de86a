import { describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// The support console's look-ups are GETs audited under the staff member's name. SameSite=Lax sends the staff
// session on another site's top-level navigation, so without a check any page could write look-ups into the audit
// log in a staff member's name (review of session 11).

const lab = stackPerTest();

const LOOKUPS = [
  '/api/support/accounts/victim?via=bundle',
  '/api/support/accounts/victim/fixes',
  '/api/support/check-codes/AAAA-BBBB-CCCC',
];

describe('the support API and other sites', () => {
  it("refuses a look-up another site caused, and writes nothing in the staff member's name", async () => {
    await accountFlows(lab.stack).signUpWithPasskey(new BrowserLikeClient(), 'victim');
    const { client: staff } = await staffFlows(lab.stack).firstStaff('Sato');
    const auditSize = async () =>
      (JSON.parse((await staff.request(lab.api('/api/support/audit'))).body) as { entries: unknown[] }).entries.length;
    const before = await auditSize();
    for (const site of ['cross-site', 'same-site']) {
      for (const path of LOOKUPS) {
        const reply = await staff.request(lab.api(path), {
          headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', referer: 'https://evil.example/' },
        });
        expect([path, site, reply.status, JSON.parse(reply.body).error.code]).toEqual([
          path,
          site,
          403,
          'cross_site_request',
        ]);
      }
    }
    expect(await auditSize()).toBe(before);

    // The console's own requests (same-origin) and a URL the staff member typed (none) are served and audited.
    expect((await staff.request(lab.api(LOOKUPS[0]!), { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(
      200,
    );
    expect((await staff.request(lab.api(LOOKUPS[1]!), { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
    expect(await auditSize()).toBe(before + 2);
    // The console page itself may be opened from a link elsewhere (an e-mail, a ticket).
    expect((await staff.request(lab.api('/support'), { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(
      200,
    );
  });
});
