import { analyzeToolsList, type ToolsListPayload } from './payload.js';
import { rssMiB } from './memory.js';
import type { ServerCommand } from './mcp-connect.js';
import { RawStdioServer } from './raw-stdio.js';
import { median, rotate } from './stats.js';

export interface ColdStartTarget {
  key: string;
  label: string;
  command: ServerCommand;
}

export interface ColdStartResult {
  key: string;
  label: string;
  /** Medians over the rounds, in ms: spawn -> initialize answered, then tools/list answered. */
  initializeMs: number;
  firstListMs: number;
  totalMs: number;
  /** A second tools/list on the same process: what every later listing costs. */
  againListMs: number;
  /** RSS after the first tools/list, median. */
  rssMiB: number;
  payload: ToolsListPayload;
}

/** Spawns each server `rounds` times, interleaved, timing spawn -> initialize -> tools/list answered. */
export async function measureColdStarts(targets: ColdStartTarget[], rounds: number, log: (line: string) => void): Promise<ColdStartResult[]> {
  const runs = new Map(targets.map((target) => [target.key, [] as { initialize: number; list: number; again: number; rss: number; line: string }[]]));
  for (let round = 0; round < rounds; round++) {
    for (const target of rotate(targets, round)) {
      const started = performance.now();
      const server = RawStdioServer.spawn(target.command);
      try {
        await server.initialize();
        const initialized = performance.now();
        const line = await server.request('tools/list');
        const listed = performance.now();
        const rss = rssMiB(server.pid);
        const again = performance.now();
        await server.request('tools/list');
        runs.get(target.key)!.push({ initialize: initialized - started, list: listed - initialized, again: performance.now() - again, rss, line: round === 0 ? line : '' });
      } finally {
        await server.close();
      }
    }
    log(`  round ${round + 1}/${rounds} done`);
  }
  return targets.map((target) => {
    const samples = runs.get(target.key)!;
    const pick = (field: 'initialize' | 'list' | 'again' | 'rss') => median(samples.map((sample) => sample[field]));
    return {
      key: target.key,
      label: target.label,
      initializeMs: pick('initialize'),
      firstListMs: pick('list'),
      totalMs: median(samples.map((sample) => sample.initialize + sample.list)),
      againListMs: pick('again'),
      rssMiB: pick('rss'),
      payload: analyzeToolsList(samples[0].line),
    };
  });
}
