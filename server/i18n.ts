// The server's one way to put values into catalogue text: typed catalogue objects (one per language, ja/en parity
// tested) whose strings hold {name} placeholders, filled by interpolate(). Why not i18next: docs/decisions.md.

/** The languages every server catalogue has. */
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

/**
 * Replaces each {name} in template with values[name]; a placeholder without a value stays as written, so a missing
 * value shows in the text instead of vanishing. Returns plain text: HTML escaping is the renderer's job (server/html.ts).
 */
export function interpolate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
