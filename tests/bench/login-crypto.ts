import { createRequire, syncBuiltinESMExports } from 'node:module';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { registerAccounts } from './inject-accounts.js';

// `npx tsx tests/bench/login-crypto.ts`: the HMACs and hashes one login builds on the request side, request by
// request, and who builds them (the package or lab file that called node:crypto). A browser without cookies asks for
// options, then verifies with the ceremony cookie the options set, as the benches' logins do. The counts are of
// node:crypto's createHmac / createHash / timingSafeEqual calls made while each request ran through inject; the
// signature check of the passkey itself goes through WebCrypto and is not among them.

const crypto = createRequire(import.meta.url)('node:crypto') as Record<string, (...args: unknown[]) => unknown>;
const calls: string[] = [];
for (const name of ['createHmac', 'createHash', 'timingSafeEqual']) {
  const original = crypto[name]!;
  crypto[name] = function (this: unknown, ...args: unknown[]) {
    calls.push(`${name} from ${caller(new Error().stack ?? '')}`);
    return original.apply(this, args);
  };
}
// The lab's own modules import these by name; this makes their bindings see the counting versions too.
syncBuiltinESMExports();

/**
 * Who called: the package or lab file that called node:crypto, with the outermost of its own functions on the stack
 * (new Session, isModified, …), then the module that called into it.
 */
function caller(stack: string): string {
  const groups: { where: string; functions: string[] }[] = [];
  for (const line of stack.split('\n').slice(2)) {
    if (line.includes('node:') || line.includes('login-crypto')) continue;
    const where =
      /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1] ?? /((?:server|db)\/[^:]+):\d+/.exec(line)?.[1];
    if (!where) continue;
    const name = /at (?:new )?(\S+) \(/.exec(line)?.[1] ?? '(anonymous)';
    if (groups.at(-1)?.where !== where) {
      if (groups.length === 2) break;
      groups.push({ where, functions: [] });
    }
    groups.at(-1)!.functions.push(name);
  }
  const [inner, outer] = groups;
  if (!inner) return '?';
  return `${inner.where} ${inner.functions.at(-1)}` + (outer ? ` ← ${outer.where} ${outer.functions[0]}` : '');
}

function report(request: string, statusCode: number, setCookies: string[]) {
  const counted = new Map<string, number>();
  for (const call of calls) counted.set(call, (counted.get(call) ?? 0) + 1);
  console.log(`${request} → ${statusCode}; Set-Cookie: ${setCookies.join(', ') || 'none'}`);
  for (const [call, count] of [...counted].sort()) console.log(`  ${count} × ${call}`);
  calls.length = 0;
}

const lab = await buildApp(
  loadConfig({
    PORT: '3000',
    DATABASE_PATH: ':memory:',
    IDP_MODE: 'off',
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '1000000000',
  }),
);
try {
  const [account] = await registerAccounts(lab.app, 'http://localhost:3000', 1);
  const { username, authenticator } = account!;
  calls.length = 0;
  const options = await lab.app.inject({ method: 'POST', url: '/api/authentication/options', payload: { username } });
  report(
    'POST /api/authentication/options (no cookie)',
    options.statusCode,
    options.cookies.map((c) => c.name),
  );
  const response = authenticator.getAssertion(options.json() as never);
  calls.length = 0;
  const verify = await lab.app.inject({
    method: 'POST',
    url: '/api/authentication/verify',
    cookies: { lab_ceremony: options.cookies.find((c) => c.name === 'lab_ceremony')!.value },
    payload: { response },
  });
  report(
    'POST /api/authentication/verify (ceremony cookie)',
    verify.statusCode,
    verify.cookies.map((c) => c.name),
  );
} finally {
  await lab.app.close();
}
