// Windows version strings → release and webauthn.dll API level. Every common spelling is accepted ("11 22H2",
// "11-22H2", "11 22h2", "Windows 11 23H2", "10.0.22631", "26100"); anything else is reported, never silently mapped.
// Levels: docs/research/dialogs.md §1.2 ([M1][M2][U11][U12]) and dialogs-2026.md §D1 ([MSW]: v8 2025, v9 on 25H2).

export interface WindowsVersion {
  major: 10 | 11;
  /** "22H2" etc.; null when only the major version is known. */
  release: string | null;
  build: number | null;
  api: number;
  /** How the lab names it, e.g. "Windows 11 24H2". */
  label: string;
  /** Why the input was not taken exactly as given (unknown spelling, unknown release, unknown build). */
  doubt: 'unrecognised' | 'release-unknown' | 'build-approximate' | null;
}

const BUILDS: [build: number, major: 10 | 11, release: string][] = [
  [10240, 10, '1507'],
  [10586, 10, '1511'],
  [14393, 10, '1607'],
  [15063, 10, '1703'],
  [16299, 10, '1709'],
  [17134, 10, '1803'],
  [17763, 10, '1809'],
  [18362, 10, '1903'],
  [18363, 10, '1909'],
  [19041, 10, '2004'],
  [19042, 10, '20H2'],
  [19043, 10, '21H1'],
  [19044, 10, '21H2'],
  [19045, 10, '22H2'],
  [22000, 11, '21H2'],
  [22621, 11, '22H2'],
  [22631, 11, '23H2'],
  [26100, 11, '24H2'],
  [26200, 11, '25H2'],
];

/** webauthn.dll API level per Windows 11 release; every Windows 10 has level 3 or less (no silent Hello listing). */
const WIN11_API: Record<string, number> = { '21H2': 3, '22H2': 4, '23H2': 6, '24H2': 8, '25H2': 9 };
export const DEFAULT_WINDOWS = '11 24H2';

function make(
  major: 10 | 11,
  release: string | null,
  build: number | null,
  doubt: WindowsVersion['doubt'],
): WindowsVersion {
  const assumed = major === 11 && (release === null || !(release in WIN11_API)) ? '24H2' : release;
  const api = major === 10 ? 3 : (WIN11_API[assumed ?? '24H2'] ?? 8);
  const shown = major === 11 ? assumed : release;
  return { major, release: shown, build, api, label: `Windows ${major}${shown ? ` ${shown}` : ''}`, doubt };
}

function fromBuild(build: number): WindowsVersion | null {
  if (build < 10240 || build > 99999) return null;
  const exact = BUILDS.find(([b]) => b === build);
  if (exact) return make(exact[1], exact[2], build, null);
  // A build between known releases (Insider, servicing): the nearest lower release, said out loud.
  const lower = [...BUILDS].reverse().find(([b]) => b < build)!;
  return make(lower[1], lower[2], build, 'build-approximate');
}

export function parseWindowsVersion(input: string): WindowsVersion {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/^(microsoft\s+)?(windows|win)\s*/, '')
    .replace(/[\s_\-/]+/g, ' ')
    .trim();
  const build = /^(?:10\.0\.)?(\d{5})(?:\.\d+)?$/.exec(text);
  if (build) return fromBuild(Number(build[1])) ?? make(11, null, null, 'unrecognised');
  const named = /^(10|11)(?: ?(?:version )?(\d{2}h\d|\d{4}))?$/.exec(text);
  if (!named) return make(11, null, null, 'unrecognised');
  const major = Number(named[1]) as 10 | 11;
  const release = named[2]?.toUpperCase() ?? null;
  if (release === null) return make(major, null, null, major === 11 ? 'release-unknown' : null);
  const known = BUILDS.some(([, m, r]) => m === major && r === release);
  return make(major, known ? release : null, null, known ? null : 'release-unknown');
}
