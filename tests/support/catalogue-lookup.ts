/** The page's `t` over one catalogue: the text at a dotted key, or the key itself (client/src/lib/i18n.ts). */
export const lookupIn =
  (catalogue: unknown) =>
  (key: string): string => {
    const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalogue);
    return typeof found === 'string' && found !== '' ? found : key;
  };
