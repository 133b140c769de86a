import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in. The long ones first, in this order: a long file started last is the whole run's
 * tail. The rest as vitest orders them (longest first by the last run's times, larger files first on a fresh clone).
 * With `--sequence.shuffle`, a random order from vitest's seed instead (`--sequence.seed=N` repeats it).
 */
export const LONG_FIRST = [
  'tests/browser/pages.test.ts',
  'tests/browser/gallery.test.ts',
  'tests/browser/best-practice.test.ts',
  'tests/browser/scenarios.test.ts',
  'tests/browser/scenario-runner.test.ts',
  'tests/browser/story.test.ts',
  'tests/browser/firefox.test.ts',
];

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return seededShuffle(files, seed);
    const rank = (file: TestSpecification) => {
      const index = LONG_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return index === -1 ? LONG_FIRST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/** Fisher–Yates with a small seeded generator (mulberry32): the same seed, the same order. */
function seededShuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
