import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './paths.js';

export interface Node22Tools {
  /** Node 22 from the npm package node@22. */
  node: string;
  /** node_modules/.bin of the pinned tools (the MCP Inspector CLI is `inspector`). */
  bin: string;
}

/** The pinned Node 22 tools, installed into a cache folder by .ci/node22.sh when missing. */
export function node22Tools(): Node22Tools {
  const bin = execFileSync('bash', [path.join(projectRoot, '.ci/node22.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return { bin, node: path.join(bin, 'node') };
}
