import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The server's import graph, read from the sources: folders must not import each other in a circle, db/ never imports
// server/, routes files are entry points (never imported by another feature), and the relying party does not reach
// into the mock provider.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports (static, dynamic, type-only) of every server and db file, as repository paths. */
function importEdges(): [string, string][] {
  const files = [...sourceFiles(join(root, 'server')), ...sourceFiles(join(root, 'db'))];
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
    return specifiers.map((spec): [string, string] => [
      relative(root, file),
      relative(root, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'),
    ]);
  });
}

/** The folder a file belongs to: server/<feature>, or db; a file directly in server/ is shared and its own node. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'db') return 'db';
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : path;
}

function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('server import graph', () => {
  const edges = importEdges();

  it('has no import cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a !== b) folders.set(a, (folders.get(a) ?? new Set()).add(b));
    }
    expect(findCycle(folders)).toBeUndefined();
  });

  it('never imports a routes file, except to register it', () => {
    const routesFile = /(^|\/|-)routes\.ts$/;
    // server/app.ts registers every feature; a feature's routes.ts may register its own route files.
    const registers = (from: string, to: string) =>
      from === 'server/app.ts' || (routesFile.test(from) && dirname(from) === dirname(to));
    const offending = edges.filter(([from, to]) => routesFile.test(to) && !registers(from, to));
    expect(offending).toEqual([]);
  });

  it('takes only route plugins from a routes file: what they share lives in a module of its own', () => {
    const files = [...sourceFiles(join(root, 'server'))];
    const taken = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(\.{1,2}\/[^']*routes\.js)'/g)].flatMap(
        (match) =>
          match[1]!
            .split(',')
            .map((name) => name.trim().replace(/^type\s+/, ''))
            .filter((name) => name && !name.endsWith('Routes'))
            .map((name) => `${relative(root, file)}: ${name} from ${match[2]}`),
      );
    });
    expect(taken).toEqual([]);
  });

  it('keeps db/ below server/: data access imports nothing from the server', () => {
    expect(edges.filter(([from, to]) => from.startsWith('db/') && to.startsWith('server/'))).toEqual([]);
  });

  it('keeps the relying party (fallback logins, the story seed, ...) apart from the mock provider', () => {
    // start.ts starts the mock; config.ts names its demo identity the story links to.
    const entryPoints = ['server/start.ts', 'server/config.ts'];
    const reaching = edges.filter(
      ([from, to]) => !from.startsWith('server/idp/') && !entryPoints.includes(from) && to.startsWith('server/idp/'),
    );
    expect(reaching).toEqual([]);
  });
});
