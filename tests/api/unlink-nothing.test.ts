import { expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, last } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Unlinking a login that is not linked: the confirmation page says there is nothing to unlink, and a post anyway
// lands on the account page with that said. Before, the page offered "Confirm" and the account page then read
// "Unlinked." while the history recorded a rejection.

const shared = stackPerFile();

it('a login that is not linked: the page says so, and a post anyway is not reported as unlinked', async () => {
  const lab = shared.stack.labUrl;
  const flows = accountFlows(shared.stack);
  const owner = new BrowserLikeClient();
  await flows.signUpWithPasskey(owner, 'no-line-linked');
  const confirm = last(await owner.follow(`${lab}/link/line/confirm?action=unlink`));
  expect(confirm.body).toContain('data-code="nothing_to_unlink"');
  const reply = await flows.unlink(owner, 'line');
  expect(reply.status).toBe(303);
  expect(reply.location).toBe(`${lab}/account?error=nothing_to_unlink`);
});
