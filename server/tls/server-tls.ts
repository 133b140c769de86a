import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { CustomFetch } from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { ConfigError, type Config } from '../config.js';

export interface ServerTls {
  key: string;
  cert: string;
  /** The self-signed root at the end of TLS_CERT's chain (what `npm run cert` writes), for phones to download. */
  rootCa?: X509Certificate;
  /** fetch that also trusts TLS_CERT's chain: the lab (openid-client) reaching its own mock identity providers over HTTPS. */
  fetch: CustomFetch;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function readPem(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}`);
  }
}

/** Reads and checks TLS_CERT / TLS_KEY; a bad file stops start-up with one line naming the variable. */
export function loadServerTls(tls: NonNullable<Config['tls']>): ServerTls {
  const cert = readPem('TLS_CERT', tls.certPath);
  const key = readPem('TLS_KEY', tls.keyPath);
  const chain = (cert.match(PEM_CERTIFICATE) ?? []).map((pem) => {
    try {
      return new X509Certificate(pem);
    } catch {
      throw new ConfigError('TLS_CERT', `holds a certificate that cannot be parsed: ${tls.certPath}`);
    }
  });
  if (chain.length === 0) throw new ConfigError('TLS_CERT', `holds no PEM certificate: ${tls.certPath}`);
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError('TLS_KEY', `holds no PEM private key: ${tls.keyPath}`);
  }
  if (!chain[0]!.checkPrivateKey(privateKey))
    throw new ConfigError('TLS_KEY', `is not the key of the first certificate in TLS_CERT: ${tls.keyPath}`);
  const last = chain[chain.length - 1]!;
  const rootCa = chain.length > 1 && last.ca && last.checkIssued(last) ? last : undefined;
  // The public roots stay trusted (real identity providers); the chain's own certificates are added for the mock identity providers.
  const dispatcher = new Agent({
    connect: { ca: [...rootCertificates, ...chain.map((certificate) => certificate.toString())] },
  });
  const fetch: CustomFetch = (url, options) =>
    undiciFetch(url, { ...(options as object), dispatcher }) as unknown as Promise<Response>;
  return { key, cert, ...(rootCa ? { rootCa } : {}), fetch };
}
