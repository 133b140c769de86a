// `npm test`: the build (reused when nothing changed), then the type check and the linter alongside the tests. Each
// check keeps one core busy, at times when the test files mostly wait on browsers and child processes. The checks'
// output is printed after the tests'; any failure fails npm test.
// Arguments go to vitest (`npm test -- --sequence.shuffle`). Timings: docs/testing.md, "Test time".
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);

function run(command, args, { capture = false, nice = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    // Set before the child starts its own children (npm run lint: prettier, then eslint), which inherit it.
    if (nice && child.pid) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // Gone already, or not allowed here: it runs at the tests' priority, as before.
      }
    }
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

if ((await run('npm', ['run', 'build', '--silent'])).code !== 0) process.exit(1);

const checks = [
  // Incremental: when little changed since the last run, the type check and the linter (its --cache, package.json)
  // redo only what changed, and the tests running beside them get the CPU instead (figures: docs/testing.md, "Lint and
  // format"). Their state is kept in dist/.cache (not in git; a fresh clone starts cold).
  {
    name: 'type check (tsc -p . --noEmit)',
    command: bin('tsc'),
    args: ['-p', '.', '--noEmit', '--incremental', '--tsBuildInfoFile', 'dist/.cache/tsc.tsbuildinfo'],
  },
  { name: 'lint (npm run lint)', command: 'npm', args: ['run', 'lint', '--silent'] },
];
// At a lower priority than the tests: they take the cores only when the tests leave one idle (the tests wait on
// browsers and child processes much of the time), instead of slowing the longest files at the start of the run.
const checked = checks.map((check) =>
  run(check.command, check.args, { capture: true, nice: 10 }).then((result) => ({ ...check, ...result })),
);

const tests = await run(bin('vitest'), ['run', ...process.argv.slice(2)]);
let failed = tests.code !== 0;
for (const check of await Promise.all(checked)) {
  if (check.output.trim()) console.log(`\n${check.name}:\n${check.output.trimEnd()}`);
  console.log(`${check.code === 0 ? '✓' : '✗'} ${check.name}${check.code === 0 ? '' : ` failed (exit ${check.code})`}`);
  if (check.code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
