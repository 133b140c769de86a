// `npm run cert -- <hostname>`: a local CA (kept and reused) and a server certificate for the lab, written to the
// data folder, then where the files are and how to trust the CA on each kind of device, in Japanese and English.
import { networkInterfaces } from 'node:os';
import { relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { interpolate } from '../i18n.js';
import { CaKeptError, isHostname, lanAddresses, makeLabCertificates, type MadeCertificates } from './store.js';
import { certStrings, type CertLang } from './strings.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'new-ca': { type: 'boolean' },
    force: { type: 'boolean' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const langs: CertLang[] = values.lang === 'ja' || values.lang === 'en' ? [values.lang] : ['ja', 'en'];
const say = (key: 'usage' | 'badHostname' | 'caKept', vars: Record<string, string> = {}) =>
  langs.map((lang) => interpolate(certStrings[lang][key], vars)).join('\n');

const hostname = positionals[0]?.toLowerCase();
if (values.help || !hostname) {
  console.log(say('usage'));
  process.exit(values.help ? 0 : 2);
}
if (!isHostname(hostname) || hostname === 'localhost') {
  console.error(say('badHostname', { value: hostname }));
  process.exit(2);
}

async function confirmReplaceCa(path: string): Promise<boolean> {
  if (values.force) return true;
  // Without a terminal there is nobody to ask: keep the CA (scripts pass --force).
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(
      langs.map((lang) => interpolate(certStrings[lang].askReplaceCa, { path })).join('\n'),
    );
    return /^(y|yes|はい)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

const config = loadConfig();
const addresses = lanAddresses(networkInterfaces());
let made: MadeCertificates;
try {
  made = await makeLabCertificates({
    dataDir: config.dataDir,
    hostname,
    addresses,
    newCa: values['new-ca'] ?? false,
    confirmReplaceCa: () => confirmReplaceCa(relative(process.cwd(), `${config.dataDir}/tls/ca.pem`)),
  });
} catch (error) {
  if (error instanceof CaKeptError) {
    console.error(say('caKept'));
    process.exit(1);
  }
  throw error;
}

const show = (path: string) => relative(process.cwd(), path) || path;
const lanIpv4 = addresses.find((address) => address.includes('.'));
const port = '3443';
const startCommand = [
  `TLS_CERT=${show(made.files.cert)}`,
  `TLS_KEY=${show(made.files.key)}`,
  'HOST=0.0.0.0',
  `PORT=${port}`,
  `PUBLIC_ORIGIN=https://${hostname}:${port}`,
  // The mock identity providers must be on another host than the lab, reachable from the phone: the LAN address.
  ...(lanIpv4 ? [`IDP_ORIGIN=https://${lanIpv4}:4000`] : []),
  'npm start',
].join(' ');
const vars = { hostname, port, address: lanIpv4 ?? '<LAN address>' };

for (const lang of langs) {
  const text = certStrings[lang];
  const steps = (lines: string[]) => lines.map((line) => `  ${interpolate(line, vars)}`).join('\n');
  console.log(`
${made.ca === 'created' ? text.caCreated : made.ca === 'reused' ? text.caReused : text.caReplaced}
${text.files}:
  ${show(made.files.caPem)}   ${text.caFile}
  ${show(made.files.caCrt)}   ${text.caFileDer}
  ${show(made.files.caKey)}   ${text.caKeyFile}
  ${show(made.files.cert)}   ${text.certFile}
  ${show(made.files.key)}   ${text.keyFile}
${text.names}: ${made.names.join(', ')}
${text.fingerprint}:
  ${made.caFingerprint256}

${text.start}
  ${startCommand}
${interpolate(text.resolve, vars)}

${text.trustTitle}
${steps(text.windows)}
${steps(text.macos)}
${steps(text.android)}
${steps(text.ios)}
${text.remove}`);
}
