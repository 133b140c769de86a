import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// What every page must pass in both languages at a phone's and a laptop's width: no horizontal scrolling, no
// console error, no failed request, and no serious or critical axe-core finding.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

/** Starts recording console errors and failed requests; call before the page is opened. */
export function watchPage(page: Page, expected: RegExp[] = []): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
  const unexpected = (url: string) => !expected.some((pattern) => pattern.test(url));
  page.on('console', (message) => {
    if (message.type() === 'error' && unexpected(message.location().url ?? ''))
      problems.consoleErrors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation away (the page moving on) aborts pending requests: that is not a failure of the page.
    if (unexpected(request.url()) && request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && unexpected(response.url()))
      problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

/** How far the page scrolls sideways (0 when it fits), and the widest elements that stick out. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && element.offsetParent !== null)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${element.className && typeof element.className === 'string' ? '.' + element.className.split(' ').join('.') : ''} (right ${Math.round(element.getBoundingClientRect().right)})`,
      );
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core run inside the page. Its source goes in through the DevTools protocol (page.evaluate), which the
 * lab's CSP (script-src 'self', no inline script) does not govern, so the page is checked under its real policy.
 */
export async function axeFindings(
  page: Page,
  impacts: string[] = ['serious', 'critical'],
  disabledRules: string[] = [],
): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (disabled) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      rules: Object.fromEntries(disabled.map((id) => [id, { enabled: false }])),
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 4).map((node) => node.target.join(' ')),
    }));
  }, disabledRules);
  return violations.filter((violation) => impacts.includes(violation.impact));
}
