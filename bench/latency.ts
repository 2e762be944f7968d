import { concurrent, sequential } from './load.js';
import { percentile, rotate } from './stats.js';
import type { RunningVariant, Variant } from './variants.js';

export interface LatencyOptions {
  rounds: number;
  /** Sequential calls per variant per round (latency). */
  callsPerRound: number;
  /** Calls per variant per round at `concurrency` (throughput). */
  concurrentCallsPerRound: number;
  concurrency: number;
  warmupCalls: number;
  /** Time limit of any one batch. */
  maxBatchMs: number;
}

export interface LatencyResult {
  key: string;
  label: string;
  /** Set when the variant could not run; the other fields are then NaN. */
  error?: string;
  p50: number;
  p99: number;
  /** Calls per second at the given concurrency. */
  throughput: number;
  calls: number;
}

/**
 * Runs every variant side by side: all are started first, then each round gives each variant a
 * sequential batch and a concurrent batch, in an order that rotates per round, so that a noisy
 * neighbour on the machine hurts every variant alike.
 */
export async function measureLatency(variants: Variant[], upstreamUrl: string, options: LatencyOptions, log: (line: string) => void): Promise<LatencyResult[]> {
  const running: { variant: Variant; instance: RunningVariant; samples: number[]; calls: number; concurrentMs: number }[] = [];
  const failed: LatencyResult[] = [];
  for (const variant of variants) {
    let instance: RunningVariant | undefined;
    try {
      instance = await variant.start(upstreamUrl);
      // Warm-up (JIT, connection pools), also a check that the variant answers with data.
      await sequential(instance.call, options.warmupCalls, options.maxBatchMs);
      await concurrent(instance.call, options.warmupCalls, options.concurrency, options.maxBatchMs);
      running.push({ variant, instance, samples: [], calls: 0, concurrentMs: 0 });
    } catch (error) {
      await instance?.close().catch(() => {});
      const message = (error as Error).message.split('\n')[0];
      log(`  (${variant.key}) ${variant.label}: not measured: ${message}`);
      failed.push({ key: variant.key, label: variant.label, error: message, p50: NaN, p99: NaN, throughput: NaN, calls: 0 });
    }
  }
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const entry of rotate(running, round)) {
        const latency = await sequential(entry.instance.call, options.callsPerRound, options.maxBatchMs);
        entry.samples.push(...latency.samples);
        const load = await concurrent(entry.instance.call, options.concurrentCallsPerRound, options.concurrency, options.maxBatchMs);
        entry.calls += load.samples.length;
        entry.concurrentMs += load.elapsedMs;
      }
      log(`  round ${round + 1}/${options.rounds} done`);
    }
  } finally {
    for (const entry of running) await entry.instance.close().catch(() => {});
  }
  const measured = running.map(({ variant, samples, calls, concurrentMs }) => ({
    key: variant.key,
    label: variant.label,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    throughput: calls / (concurrentMs / 1000),
    calls: samples.length + calls,
  }));
  return variants.map((variant) => [...measured, ...failed].find((result) => result.key === variant.key)!);
}
