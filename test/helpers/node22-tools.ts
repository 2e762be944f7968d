import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './paths.js';

export interface PinnedTools {
  /** The Node 22 binary from the npm package node@22. */
  node: string;
  /** node_modules/.bin of the tools folder. */
  bin: string;
}

/**
 * Installs a pinned tools folder from .ci/<name> (package.json + lock: npm packages that need
 * Node >= 22, and node@22 itself) into a cache folder keyed by the manifests, unless it is there
 * already. Never into the project's node_modules: its `node` would shadow Node 20 for every script.
 * `npm install` honours the lock; `npm ci` refuses it over an optional dependency npm leaves out
 * of lockfiles (vite's napi-windows-process-start-time).
 */
export function pinnedTools(name: string, wantNode: string): PinnedTools {
  const spec = path.join(projectRoot, '.ci', name);
  const manifests = ['package.json', 'package-lock.json'].map((file) => readFileSync(path.join(spec, file)));
  const key = createHash('sha256').update(Buffer.concat(manifests)).digest('hex').slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  const dir = path.join(cache, 'graphql-ops-mcp', name, key);
  const bin = path.join(dir, 'node_modules/.bin');
  const node = path.join(bin, 'node');
  const ready = () => existsSync(node) && execFileSync(node, ['-v'], { encoding: 'utf8' }).trim() === wantNode;
  if (!ready()) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(spec, file), path.join(dir, file));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    if (!ready()) throw new Error(`${name}: expected node ${wantNode} in ${bin} after npm install`);
  }
  return { node, bin };
}
