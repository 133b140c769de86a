// `npm test`: the build (reused when nothing changed), then the type check and the linter alongside the tests. Each check keeps one core busy for 10–20 s, at times when the test files mostly
// wait on browsers and child processes. The checks' output is printed after the tests'; any failure fails npm test.
// Arguments go to vitest (`npm test -- --sequence.shuffle`). Timings: docs/testing.md, "Test time".
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);

function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

if ((await run('npm', ['run', 'build', '--silent'])).code !== 0) process.exit(1);

const checks = [
  // Incremental: when little changed since the last run, the type check and the linter (its --cache, package.json)
  // take a fifth of their CPU (tsc 14.6 s → 5.8 s, prettier 10.0 s → 1.2 s, eslint 8.2 s → 1.6 s), which the tests
  // running beside them get instead. Their state is kept in dist/.cache (not in git; a fresh clone starts cold).
  {
    name: 'type check (tsc -p . --noEmit)',
    command: bin('tsc'),
    args: ['-p', '.', '--noEmit', '--incremental', '--tsBuildInfoFile', 'dist/.cache/tsc.tsbuildinfo'],
  },
  { name: 'lint (npm run lint)', command: 'npm', args: ['run', 'lint', '--silent'] },
];
const checked = checks.map((check) =>
  run(check.command, check.args, { capture: true }).then((result) => ({ ...check, ...result })),
);

const tests = await run(bin('vitest'), ['run', ...process.argv.slice(2)]);
let failed = tests.code !== 0;
for (const check of await Promise.all(checked)) {
  if (check.output.trim()) console.log(`\n${check.name}:\n${check.output.trimEnd()}`);
  console.log(`${check.code === 0 ? '✓' : '✗'} ${check.name}${check.code === 0 ? '' : ` failed (exit ${check.code})`}`);
  if (check.code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
