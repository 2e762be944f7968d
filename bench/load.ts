/** Bounded call loops: every loop stops at its call count or its time limit, whichever comes first. */

export interface Batch {
  /** Milliseconds per call, in order. */
  samples: number[];
  elapsedMs: number;
}

/** One call at a time, timing each. */
export async function sequential(call: () => Promise<void>, count: number, maxMs: number): Promise<Batch> {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < count && performance.now() - started < maxMs) {
    const before = performance.now();
    await call();
    samples.push(performance.now() - before);
  }
  return { samples, elapsedMs: performance.now() - started };
}

/** `concurrency` callers sharing `count` calls: the wall time gives the throughput. */
export async function concurrent(call: () => Promise<void>, count: number, concurrency: number, maxMs: number): Promise<Batch> {
  const samples: number[] = [];
  const started = performance.now();
  let issued = 0;
  const worker = async () => {
    while (issued < count && performance.now() - started < maxMs) {
      issued++;
      const before = performance.now();
      await call();
      samples.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, elapsedMs: performance.now() - started };
}
