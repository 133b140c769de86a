import { describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, formOf, last } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// The fallback callback commits what it writes together (issue 14 point 1): the state used up, the link, the log
// entry. A failure in the last write leaves nothing of the others behind.

const lab = stackPerTest();

describe('the OIDC callback writes in one transaction', () => {
  it('a link whose log entry cannot be written is not linked, and its state is not used up', async () => {
    const flows = accountFlows(lab.stack);
    const { repos, db } = lab.stack.running.lab;
    const owner = new BrowserLikeClient();
    await flows.signUpWithPasskey(owner, 'atomic-link');
    const accountId = repos.accounts.findByUsername('atomic-link')!.id;

    // The second write of the callback (after the link) fails.
    const record = repos.ceremonies.record;
    repos.ceremonies.record = (entry) => {
      if (entry.kind === 'identity.link') throw new Error('forced failure writing the log entry');
      return record(entry);
    };
    const confirm = last(await owner.follow(`${lab.stack.labUrl}/link/google/confirm?action=link`));
    const form = formOf(confirm.body);
    const hops = await flows.googleAs(owner, `${lab.stack.labUrl}${form.action}`, 'taro.personal@gmail.example', {
      form: form.inputs,
    });
    const callback = hops.find((hop) => hop.url.startsWith(`${lab.stack.labUrl}/auth/google/callback`))!;
    expect(callback.status).toBe(500);

    expect(repos.identities.listForAccount(accountId)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM oidc_transactions').get()).toEqual({ n: 1 });

    expect(db.prepare("SELECT COUNT(*) AS n FROM ceremonies WHERE kind = 'identity.link'").get()).toEqual({ n: 0 });
    repos.ceremonies.record = record;
  });
});
