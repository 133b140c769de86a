import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createInvite } from '../../server/support/invites.js';
import { accountFlows } from '../support/account-flows.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// `npm run staff:remove`: the lab's owner removes a staff member at the terminal (a lost laptop, someone who left),
// against the running lab's own database file.

const lab = stackPerTest();

/** The script `npm run staff:remove` runs, with the lab's environment; resolves with its output and exit code. */
async function removeCli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/support/remove-cli.ts', ...args],
      { env: { ...process.env, DATABASE_PATH: join(lab.stack.dataDir, 'lab.sqlite'), LOG_LEVEL: 'silent' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('removing a staff member', () => {
  it("ends their console session, their passkey's sign-in and their unused invitation links at once", async () => {
    const flows = staffFlows(lab.stack);
    const { client: sato, authenticator: satoKey } = await flows.firstStaff('Sato');
    const satoInvite = JSON.parse((await sato.request(lab.api('/api/support/invites'), { json: {} })).body)
      .link as string;
    const satoId = lab.stack.running.lab.repos.staff.list().find((member) => member.name === 'Sato')!.id;
    // Sato asked a customer to add a passkey on their PC; nobody answered yet.
    const customer = new BrowserLikeClient();
    await accountFlows(lab.stack).signUpWithPasskey(customer, 'yumi');
    const ask = await sato.request(lab.api('/api/support/accounts/yumi/fixes'), {
      json: { fixId: 'add-passkey-here' },
    });
    expect(ask.status).toBe(200);
    const yumiId = lab.stack.running.lab.repos.accounts.findByUsername('yumi')!.id;
    expect(lab.stack.running.lab.repos.supportAsks.find(yumiId, 'add-passkey-here')).toBeDefined();

    const listed = await removeCli();
    expect(listed.stdout).toContain(`  ${satoId}  Sato  `);
    expect(await removeCli('999')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No current staff member'),
    });
    expect(await removeCli(String(satoId))).toMatchObject({ code: 0, stdout: `Removed Sato (id ${satoId}).\n` });
    expect(await removeCli(String(satoId))).toMatchObject({ code: 1 });

    // The running lab sees it from the next request on.
    const me = await sato.request(lab.api('/api/support/me'));
    expect([me.status, JSON.parse(me.body).error.code]).toEqual([403, 'staff_only']);
    const login = await flows.login(new BrowserLikeClient(), satoKey);
    expect([login.status, JSON.parse(login.body).error.code]).toEqual([403, 'not_a_staff_passkey']);
    // On the customer login the passkey is now simply unknown, so the page may tell the browser to forget it.
    const satosBrowser = new BrowserLikeClient();
    const options = JSON.parse((await satosBrowser.request(lab.api('/api/authentication/options'), { json: {} })).body);
    const customerLogin = await satosBrowser.request(lab.api('/api/authentication/verify'), {
      json: { response: satoKey.getAssertion(options) },
    });
    expect(JSON.parse(customerLogin.body).error.code).toBe('unknown_credential');
    // Sato's unanswered ask is withdrawn with them.
    expect(lab.stack.running.lab.repos.supportAsks.find(yumiId, 'add-passkey-here')).toBeUndefined();
    expect((await flows.enroll(new BrowserLikeClient(), satoInvite, 'Friend of Sato')).reply.status).not.toBe(200);

    // A colleague (through a link from the terminal) reads the removal in the audit log; Sato's entries stay.
    const { reply, authenticator } = await flows.enroll(
      new BrowserLikeClient(),
      createInvite(lab.stack.running.lab.repos, lab.stack.labUrl, null).link,
      'Tanaka',
    );
    expect(reply.status).toBe(200);
    const tanaka = new BrowserLikeClient();
    expect((await flows.login(tanaka, authenticator)).status).toBe(200);
    const audit = JSON.parse((await tanaka.request(lab.api('/api/support/audit'))).body) as {
      entries: { staffName: string; action: string; subject: string | null }[];
    };
    expect(audit.entries.filter((entry) => entry.staffName === 'Sato').map((entry) => entry.action)).toEqual([
      'staff.removed',
      'fix.apply',
      'invite.create',
      'staff.enrolled',
    ]);
    await expect(removeCli()).resolves.toMatchObject({ stdout: expect.stringMatching(/Sato .* removed /) });
  }, 60_000);
});
