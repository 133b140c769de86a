/** The eleven spellings of "alice" from issue 15 that a reader cannot tell apart. */
export const ALICE_LOOK_ALIKES = [
  'alice',
  'Alice', // case
  'ALICE',
  'ａｌｉｃｅ', // fullwidth
  ' alice', // leading space
  'alice ', // trailing space
  'alice\u00a0', // trailing no-break space
  'ali\u200bce', // zero-width space
  '\u0430lice', // Cyrillic а
  '\u202eecila', // right-to-left override: displays "alice"
  'ali\u0307ce', // combining dot above on the i
];
