import type { Browser } from 'playwright-core';
import { Device, type DeviceName } from '../support/browser.js';

// The small vocabulary a scenario is written in: open a preset device, name each step, return what was observed.
// `npm run scenario -- <name>` runs one and prints its JSON result (docs/scenarios.md).

export type Lang = 'ja' | 'en';

export interface ScenarioContext {
  /** The lab's origin (a running lab or a fresh one) and its mock providers' origin. */
  base: string;
  idp: string;
  lang: Lang;
  /** A browser context with a preset virtual device: 'phone', 'pc-with-hello', 'pc-without-hello', 'usb-key'. */
  open: (device: DeviceName) => Promise<Device>;
  /** Runs one named step, timing it; its return value is the step's observation. */
  step: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  /** A username no earlier run used. */
  fresh: (prefix: string) => string;
  browser: Browser;
}

export interface Scenario {
  name: string;
  description: Record<Lang, string>;
  /** What the lab predicts (or the scenario expects) — compared key by key with what `run` observes. */
  predicted: Record<string, unknown>;
  run: (context: ScenarioContext) => Promise<Record<string, unknown>>;
}

export const scenario = (
  name: string,
  description: Record<Lang, string>,
  predicted: Record<string, unknown>,
  run: Scenario['run'],
): Scenario => ({ name, description, predicted, run });

export interface StepResult {
  name: string;
  ms: number;
  ok: boolean;
  error?: string;
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  lang: Lang;
  lab: string;
  freshLab: boolean;
  steps: StepResult[];
  predicted: Record<string, unknown>;
  observed: Record<string, unknown>;
  /** Every predicted key observed with the same value. */
  agrees: boolean;
  ms: number;
  error?: string;
}

/** Runs a scenario with its devices closed afterwards, whatever happens; never throws (the error is in the result). */
export async function runScenario(
  definition: Scenario,
  options: { browser: Browser; base: string; idp: string; lang: Lang; freshLab: boolean },
): Promise<ScenarioResult> {
  const steps: StepResult[] = [];
  const devices: Device[] = [];
  let counter = 0;
  const started = Date.now();
  const context: ScenarioContext = {
    base: options.base,
    idp: options.idp,
    lang: options.lang,
    browser: options.browser,
    open: async (device) => {
      const opened = await Device.open(options.browser, device, { locale: options.lang === 'ja' ? 'ja-JP' : 'en-US' });
      devices.push(opened);
      return opened;
    },
    step: async (name, run) => {
      const t0 = Date.now();
      try {
        const value = await run();
        steps.push({ name, ms: Date.now() - t0, ok: true });
        return value;
      } catch (error) {
        steps.push({ name, ms: Date.now() - t0, ok: false, error: (error as Error).message.split('\n')[0] });
        throw error;
      }
    },
    fresh: (prefix) => `${prefix}-${++counter}-${Date.now().toString(36)}`,
  };
  let observed: Record<string, unknown> = {};
  let error: string | undefined;
  try {
    observed = await definition.run(context);
  } catch (failure) {
    error = (failure as Error).message.split('\n')[0];
  } finally {
    for (const device of devices) await device.close().catch(() => undefined);
  }
  const agrees =
    error === undefined &&
    Object.entries(definition.predicted).every(
      ([key, value]) => JSON.stringify(observed[key]) === JSON.stringify(value),
    );
  return {
    scenario: definition.name,
    description: definition.description[options.lang],
    lang: options.lang,
    lab: options.base,
    freshLab: options.freshLab,
    steps,
    predicted: definition.predicted,
    observed,
    agrees,
    ms: Date.now() - started,
    ...(error ? { error } : {}),
  };
}
