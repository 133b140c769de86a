// The server's one way to write HTML: the html`` tag escapes every interpolated value unless it is itself html`` or
// raw(), so text from catalogues, users and URLs cannot open an element or leave an attribute.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup that is already safe: built by html``, or trusted and wrapped with raw(). */
export class Html {
  constructor(private readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), markup, nothing (null, undefined, false: omitted), or a list of these. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

/** Trusted markup inserted as written: the lab's own page files, a QR code's SVG. Never text from a request. */
export const raw = (trusted: string) => new Html(trusted);

const render = (value: HtmlValue): string => {
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/** An HTML fragment; every interpolated value is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0]!;
  for (let i = 0; i < values.length; i++) markup += render(values[i]) + strings[i + 1]!;
  return new Html(markup);
}
