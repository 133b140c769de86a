import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageSizes } from '../../client/page-sizes.mjs';

// Issue 14: every page, in either language, under 30 KB gzip on a first visit (script, its chunks, one catalogue,
// stylesheet). The figures are in docs/benchmark.md (`node client/page-sizes.mjs`).
const LIMIT = 30 * 1024;

describe('page size', () => {
  beforeAll(() => {
    // Reuses client/dist when its sources have not changed (npm test has just built it).
    execFileSync(process.execPath, ['client/build.mjs'], { stdio: 'ignore' });
  });

  it('measures every page in both languages', () => {
    const measured = pageSizes();
    expect(new Set(measured.map((size) => size.page))).toEqual(
      new Set(['account', 'check', 'history', 'lab', 'login', 'lost-phone', 'phone', 'signup', 'staff', 'support']),
    );
    // Catalogues of one language per visit (the main one, and the console's on the support pages): the Japanese page
    // does not download the English strings, nor the other way round.
    for (const size of measured) {
      const catalogues = size.files.filter((file) => /^(ja|en)-/.test(file)).map((file) => file.slice(0, 2));
      expect(catalogues.length, size.page).toBeGreaterThan(0);
      expect(new Set(catalogues), size.page).toEqual(new Set([size.lang]));
    }
  });

  // A catalogue loaded by import() is counted in its language only; a named one too (lab.ja-…, say.ja-…: the history
  // page's sheet words), which page-sizes.mjs left out when it knew only the main catalogue's name.
  it("counts a page's own language catalogues loaded by import()", () => {
    const measured = pageSizes();
    const files = (page: string, lang: string) =>
      measured.find((size) => size.page === page && size.lang === lang)!.files;
    for (const lang of ['ja', 'en']) {
      expect(files('history', lang).filter((file) => file.startsWith(`say.${lang}-`))).toHaveLength(1);
      expect(files('lab', lang).filter((file) => file.startsWith(`lab.${lang}-`))).toHaveLength(1);
      expect(
        files('history', lang).filter((file) => /^(say|lab)\.(ja|en)-/.test(file) && !file.includes(`.${lang}-`)),
      ).toEqual([]);
    }
  });

  it('keeps each page under 30 KB gzip', () => {
    const over = pageSizes().filter((size) => size.gzip >= LIMIT);
    expect(over.map(({ page, lang, gzip }) => `${page} (${lang}): ${(gzip / 1024).toFixed(1)} KB`)).toEqual([]);
  });
});
