import { describe, expect, it } from 'vitest';
import { createInvite } from '../../server/support/invites.js';
import { accountFlows } from '../support/account-flows.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Names and labels a person gives follow one rule (PlainName in server/http-schemas.ts, filledName in
// server/errors.ts): no control characters, not white space only. A staff name of spaces was enrolled as "", a sign-up
// display name took NUL and ESC, and a passkey renamed to spaces was stored as "".

const shared = stackPerFile();

describe('blank or control-character names are refused everywhere', () => {
  it('staff enrollment with a name of spaces only: 400', async () => {
    const link = createInvite(shared.stack.running.lab.repos, shared.stack.labUrl, null).link;
    const { reply } = await staffFlows(shared.stack).enroll(new BrowserLikeClient(), link, '   ');
    expect(reply.status, reply.body).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe('staff_name_empty');
  });

  it('sign-up with a display name holding NUL and ESC: 400, as PATCH /api/account/display-name answers', async () => {
    const options = await new BrowserLikeClient().request(`${shared.stack.labUrl}/api/registration/options`, {
      json: { username: 'control-display', displayName: 'Taro\u0000\u001b[2J' },
    });
    expect(options.status, options.body).toBe(400);
  });

  it('renaming a passkey to spaces only: 400, not a 200 that stores an empty label', async () => {
    const lab = shared.stack.labUrl;
    const owner = new BrowserLikeClient();
    const key = await accountFlows(shared.stack).signUpWithPasskey(owner, 'blank-label');
    const id = key.credentials[0]!.id.toString('base64url');
    const reply = await owner.request(`${lab}/api/account/credentials/${id}`, {
      method: 'PATCH',
      json: { label: '   ' },
    });
    expect(reply.status, reply.body).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe('label_empty');
  });
});
