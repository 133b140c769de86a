// Preload for the lab under load: where its memory is allocated, short-lived objects included (what the scavenger
// collects, which is what makes the young-generation GC run). Attach it through tests/bench/profile.ts:
//   PROFILE_NODE_FLAGS='--import ./tests/bench/alloc-profile.mjs'
// From MEASURE_AFTER_MS (9000, after profile.ts' warm-up) until the server's SIGTERM, V8's sampling heap profiler runs
// with objects collected by either GC kept in the samples; then the profile goes to ALLOC_PROFILE (a .heapprofile,
// which Chrome DevTools' Memory tab opens) and one `ALLOC {json}` line to stderr: the sampled bytes in all, and by
// source file or package (the bundle's source map resolves dist/server/main.js), allocated there and below there.
// Divide by the logins of the measured seconds (profile.ts prints the rate) for bytes per login.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

setTimeout(
  () =>
    void post('HeapProfiler.enable').then(() =>
      post('HeapProfiler.startSampling', {
        samplingInterval: 16384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      }),
    ),
  Number(process.env.MEASURE_AFTER_MS ?? 9000),
).unref();

const maps = new Map();
/** The source file (lab code) or package (node_modules) a frame belongs to. */
function place(frame) {
  if (!frame.url) return '(native)';
  if (frame.url.startsWith('node:')) return `node:${frame.url.slice(5).split('/')[0]}`;
  let source = frame.url;
  if (frame.url.startsWith('file:') && frame.url.endsWith('.js')) {
    if (!maps.has(frame.url)) {
      try {
        const path = fileURLToPath(frame.url);
        maps.set(frame.url, new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))));
      } catch {
        maps.set(frame.url, undefined);
      }
    }
    source = maps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber)?.originalSource ?? frame.url;
  }
  const inPackage = source.split('node_modules/').at(-1);
  if (inPackage !== source)
    return inPackage
      .split('/')
      .slice(0, inPackage.startsWith('@') ? 2 : 1)
      .join('/');
  return source.replace(/^.*?\/((server|db)\/)/, '$1');
}

function summarise(profile) {
  const self = new Map();
  const below = new Map();
  let total = 0;
  const walk = (node, above) => {
    const here = place(node.callFrame);
    total += node.selfSize;
    self.set(here, (self.get(here) ?? 0) + node.selfSize);
    const stack = new Set(above).add(here);
    for (const name of stack) below.set(name, (below.get(name) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head, new Set());
  const top = (map) =>
    Object.fromEntries(
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([name, bytes]) => [name, Math.round((bytes / total) * 1000) / 10]),
    );
  return { sampled_mb: Math.round(total / 1e5) / 10, self_percent: top(self), below_percent: top(below) };
}

process.prependListener('SIGTERM', () => {
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) return process.stderr.write(`ALLOC failed: ${error.message}\n`);
    const file = process.env.ALLOC_PROFILE ?? join(tmpdir(), `lab-${process.pid}.heapprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
    process.stderr.write(`ALLOC ${JSON.stringify({ file, ...summarise(result.profile) })}\n`);
  });
});
