import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: 'localhost',
      publicOrigin: 'http://localhost:3000',
      rpId: 'localhost',
      databasePath: './data/lab.sqlite',
      dataDir: './data',
      logLevel: 'info',
      idp: { mode: 'mock', port: 4000, origin: 'http://127.0.0.1:4000' },
      trustProxy: false,
      requireLineMfa: true,
    });
  });

  it('derives the origin from PORT and the RP ID from the origin', () => {
    expect(loadConfig({ PORT: '8080' }).publicOrigin).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://lab.example.com' }).rpId).toBe('lab.example.com');
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://lab.example.com', RP_ID: 'example.com' }).rpId).toBe('example.com');
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).databasePath).toBe(':memory:');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'localhost:3000' }],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'http://localhost:3000/app' }],
    ['RP_ID', { PUBLIC_ORIGIN: 'https://lab.example.com', RP_ID: 'other.com' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['IDP_MODE', { IDP_MODE: 'real' }],
    ['IDP_PORT', { IDP_PORT: '-1' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '0' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['GOOGLE_CLIENT_SECRET', { GOOGLE_CLIENT_ID: 'id-only' }],
    ['LINE_CHANNEL_ID', { LINE_CHANNEL_SECRET: 'secret-only' }],
  ])('stops on a bad %s with one line naming it', (variable, env) => {
    let thrown: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as Error).message).toContain(variable);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('uses real providers only with both halves of their credentials', () => {
    const config = loadConfig({ GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' });
    expect(config.realLoginServices).toEqual({ google: { clientId: 'id', clientSecret: 'secret' } });
  });
});

describe('loadConfig: HTTPS and several origins', () => {
  it('lists every PUBLIC_ORIGIN; the first is the main one; the RP ID comes from it', () => {
    const config = loadConfig({
      PUBLIC_ORIGIN: 'https://lab.home.arpa:3443, https://lab.home.arpa ,https://pc.lab.home.arpa:3443',
    });
    expect(config.publicOrigins).toEqual([
      'https://lab.home.arpa:3443',
      'https://lab.home.arpa',
      'https://pc.lab.home.arpa:3443',
    ]);
    expect(config.publicOrigin).toBe('https://lab.home.arpa:3443');
    expect(config.rpId).toBe('lab.home.arpa');
    expect(config.secureOrigins).toBe(true);
  });

  it('serves https by default when TLS_CERT and TLS_KEY are set, the mock providers too', () => {
    const config = loadConfig({ TLS_CERT: 'data/tls/lab.pem', TLS_KEY: 'data/tls/lab-key.pem' });
    expect(config.tls).toEqual({ certPath: 'data/tls/lab.pem', keyPath: 'data/tls/lab-key.pem' });
    expect(config.publicOrigins).toEqual(['https://localhost:3000']);
    expect(config.idp.origin).toBe('https://127.0.0.1:4000');
    expect(config.idp.listenHost).toBe('127.0.0.1');
  });

  it('lets the mock providers be reached from the LAN through IDP_ORIGIN (they then listen on HOST)', () => {
    const config = loadConfig({ HOST: '0.0.0.0', IDP_ORIGIN: 'https://192.168.1.20:4000' });
    expect(config.idp).toMatchObject({ origin: 'https://192.168.1.20:4000', listenHost: '0.0.0.0' });
  });

  it.each([
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'https://lab.home.arpa:3443,http://localhost:3000' }],
    ['RP_ID', { PUBLIC_ORIGIN: 'https://lab.home.arpa:3443,https://lab.example.com', RP_ID: 'home.arpa' }],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: ' , ' }],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'https://lab.home.arpa,lab.home.arpa:3000' }],
    ['PUBLIC_ORIGIN', { TLS_CERT: 'a.pem', TLS_KEY: 'b.pem', PUBLIC_ORIGIN: 'http://localhost:3000' }],
    ['TLS_KEY', { TLS_CERT: 'a.pem' }],
    ['TLS_CERT', { TLS_KEY: 'b.pem' }],
    ['IDP_ORIGIN', { IDP_ORIGIN: 'https://192.168.1.20:4000/idp' }],
  ])('stops on a bad %s combination with one line naming it', (variable, env) => {
    let thrown: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
