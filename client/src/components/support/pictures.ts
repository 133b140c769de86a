// Small pictures for the self-check's questions, drawn as SVG elements (no inline styles or markup strings: CSP).
const SVG = 'http://www.w3.org/2000/svg';

function svg(children: [string, Record<string, string>][], label: string): SVGSVGElement {
  const root = document.createElementNS(SVG, 'svg');
  root.setAttribute('viewBox', '0 0 48 48');
  root.setAttribute('width', '64');
  root.setAttribute('height', '64');
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', label);
  for (const [tag, attrs] of children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    root.append(node);
  }
  return root;
}

/** The Bluetooth rune on a blue badge, as taskbars and settings show it. */
export const bluetoothPicture = (label: string) =>
  svg(
    [
      ['rect', { x: '4', y: '4', width: '40', height: '40', rx: '10', fill: '#1a5fd1' }],
      [
        'path',
        {
          d: 'M16 16 L32 30 L24 37 L24 11 L32 18 L16 32',
          fill: 'none',
          stroke: '#fff',
          'stroke-width': '3',
          'stroke-linejoin': 'round',
          'stroke-linecap': 'round',
        },
      ],
    ],
    label,
  );

/** A PIN pad and a face outline: "Windows Hello" in a picture. */
export const helloPicture = (label: string) =>
  svg(
    [
      ['rect', { x: '2', y: '6', width: '44', height: '36', rx: '6', fill: '#202020' }],
      ...[0, 1, 2].flatMap((row) =>
        [0, 1, 2].map(
          (col) =>
            ['circle', { cx: String(10 + col * 8), cy: String(16 + row * 8), r: '2.6', fill: '#fff' }] as [
              string,
              Record<string, string>,
            ],
        ),
      ),
      ['circle', { cx: '37', cy: '22', r: '6', fill: 'none', stroke: '#9fd0ff', 'stroke-width': '2' }],
      ['path', { d: 'M34 24 Q37 27 40 24', fill: 'none', stroke: '#9fd0ff', 'stroke-width': '1.6' }],
    ],
    label,
  );
