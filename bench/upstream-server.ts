/**
 * Child process: the demo GraphQL API on 127.0.0.1. It runs apart from the benchmark's clients so
 * that neither steals the other's event loop; prints its URL as one JSON line on stdout.
 */
import { startDemoApi } from '../src/demo/demo-api.js';

const apiKey = process.env.BENCH_API_KEY;
if (!apiKey) throw new Error('BENCH_API_KEY is required');
const api = await startDemoApi({ apiKey, host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
// The parent closes stdin when it is done (or dies): shut down then.
process.stdin.resume();
process.stdin.once('end', () => void api.close().finally(() => process.exit(0)));
