import { describe, expect, it } from 'vitest';
import { html, raw } from '../../server/html.js';

// The one way the server writes HTML (server/html.ts): interpolated values are text unless they are markup already.

describe('html``', () => {
  it('escapes an interpolated <script> in element content and in an attribute', () => {
    const attack = '<script>alert("x")</script>';
    expect(html`<p title="${attack}">${attack}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
  });

  it('escapes quotes and ampersands, so a value cannot leave its attribute', () => {
    expect(html`<input value='${"' onfocus='x"}'><a href="${'/a?b=1&c="2"'}">`.toString()).toBe(
      `<input value='&#39; onfocus=&#39;x'><a href="/a?b=1&amp;c=&quot;2&quot;">`,
    );
  });

  it('inserts nested html`` and raw() as written, once', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(html`<p>${inner}${raw('<svg></svg>')}</p>`.toString()).toBe('<p><b>a &amp; b</b><svg></svg></p>');
  });

  it('joins lists and leaves out null, undefined and false', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`, 3]}</ul>${null}${undefined}${false}`.toString()).toBe(
      '<ul>&lt;1&gt;<li>2</li>3</ul>',
    );
  });
});
