/**
 * `npm run bench [-- --quick]`: how fast the product does its job, as ratios measured side by side
 * in one run against the floor (a direct GraphQL call, a hand-written one-tool MCP server) and a
 * peer (mcp-graphql). Everything runs on 127.0.0.1. Progress goes to stderr; the markdown tables
 * go to stdout and to bench/.tmp/last-run.md (paste them into BENCHMARKS.md).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compiledBaselineServer } from './baseline.js';
import { measureCodegen } from './codegen-time.js';
import { measureColdStarts, type ColdStartTarget } from './cold-start.js';
import { githubOperationFiles } from './github-operations.js';
import { githubSchema } from './github-schema.js';
import { measureLatency, type LatencyOptions } from './latency.js';
import { describeMachine } from './machine.js';
import { scratchPath } from './paths.js';
import { buildBenchProjects } from './scale-projects.js';
import { devLoopProject, measureDevLoop } from './dev-loop.js';
import { buildTable, codegenTable, coldStartTable, devLoopTable, footprintTable, latencyTable, targetsTable, type Target } from './table.js';
import { timeNpmScript } from './temp-project.js';
import { GITHUB_SCALARS } from './github-scalars.js';
import { projectRoot } from './paths.js';
import { measureToolTokens, operationsIn, scalarsOf, tokenSummary, tokensReport, type TokenResult } from './tool-tokens.js';
import shippedConfig from '../codegen.js';
import { startUpstream } from './upstream.js';
import { latencyVariants, mcpGraphqlCommand, serverCommand } from './variants.js';

const quick = process.argv.includes('--quick');
/** Only the model-facing token sizes (a minute, no servers): `npm run bench -- --tokens`. */
const tokensOnly = process.argv.includes('--tokens');
const log = (line: string) => process.stderr.write(`${line}\n`);

const LATENCY: LatencyOptions = {
  rounds: quick ? 2 : 5,
  callsPerRound: 100,
  concurrentCallsPerRound: 200,
  concurrency: 8,
  warmupCalls: 50,
  maxBatchMs: 20_000,
};
const COLD_START_ROUNDS = quick ? 3 : 5;
const CODEGEN_ROUNDS = quick ? 1 : 2;
const OPERATIONS = 1000;
const DEV_LOOP_EDITS = quick ? 5 : 9;
const LINEAR_STYLE = path.join(projectRoot, 'test/fixtures/linear-style');
const SHIPPED_SCALARS = scalarsOf(shippedConfig);

const started = performance.now();
const machine = describeMachine();
log(`machine: ${machine}`);

const github = githubSchema();
log('model-facing tokens per tool (demo, 1,000 GitHub operations, Linear-style filter):');
const tokens = await measureToolTokens(
  [
    { label: 'demo (as shipped)', schemaFile: path.join(projectRoot, 'schema/schema.graphql'), operations: operationsIn(path.join(projectRoot, 'operations')), scalars: SHIPPED_SCALARS },
    { label: 'GitHub, 1,000 operations', schemaFile: github.file, operations: githubOperationFiles(github.schema, OPERATIONS), scalars: GITHUB_SCALARS },
    { label: 'Linear-style filter', schemaFile: path.join(LINEAR_STYLE, 'schema.graphql'), operations: operationsIn(path.join(LINEAR_STYLE, 'operations')) },
  ],
  log,
);
const tokenTargets = tokenTargetsOf(tokens);
if (tokensOnly) {
  const report = `${tokensReport(tokens)}\n\n${targetsTable(tokenTargets)}\n`;
  process.stdout.write(report);
  writeFileSync(path.join(scratchPath('.'), 'last-tokens.md'), report);
  process.exit(0);
}

log("GitHub's schema and the server snapshots (reused when unchanged):");
const projects = await buildBenchProjects(github, log);

const upstream = await startUpstream();
log(`demo API (upstream) at ${upstream.url}`);
let latency;
let coldStarts;
try {
  log(`per-call latency and throughput (${LATENCY.rounds} rounds):`);
  latency = await measureLatency(latencyVariants({ demo: projects.demo.entry, demo1000: projects.demo1000.entry }), upstream.url, LATENCY, log);

  log(`cold start, memory, tools/list payload (${COLD_START_ROUNDS} rounds):`);
  // Cold start needs no upstream call; the servers only get a loopback URL.
  const targets: ColdStartTarget[] = [
    { key: 'd', label: '(d) hand-written SDK server, 1 tool', command: serverCommand(compiledBaselineServer(), upstream.url) },
    { key: 'e', label: '(e) mcp-graphql', command: mcpGraphqlCommand(upstream.url) },
    { key: 'demo', label: 'ours, demo schema (as shipped)', command: serverCommand(projects.demo.entry, upstream.url) },
    { key: 'gh10', label: 'ours, GitHub schema, 10 operations', command: serverCommand(projects.github10.entry, upstream.url) },
    { key: 'gh1000', label: 'ours, GitHub schema, 1,000 operations', command: serverCommand(projects.github1000.entry, upstream.url) },
  ];
  coldStarts = await measureColdStarts(targets, COLD_START_ROUNDS, log);
} finally {
  await upstream.close();
}

log(`codegen, ${OPERATIONS} operations on GitHub's schema (${CODEGEN_ROUNDS} rounds):`);
const operationsDir = path.join(scratchPath('github'), `operations-${OPERATIONS}`);
rmSync(operationsDir, { recursive: true, force: true });
for (const [file, text] of Object.entries(githubOperationFiles(github.schema, OPERATIONS))) {
  mkdirSync(path.dirname(path.join(operationsDir, file)), { recursive: true });
  writeFileSync(path.join(operationsDir, file), text);
}
const codegen = await measureCodegen({ schema: github.file, operations: operationsDir }, CODEGEN_ROUNDS, log);

log('npm run build of the 1,000-operation GitHub snapshot (once):');
const buildMs = await timeNpmScript(projects.github1000.root, 'build');
log(`  ${(buildMs / 1000).toFixed(1)} s`);

log(`dev loop (${DEV_LOOP_EDITS} edits each):`);
const devLoop = [
  await measureDevLoop('demo schema (as shipped)', devLoopProject('demo'), DEV_LOOP_EDITS, log),
  await measureDevLoop('GitHub schema, 20 operations', devLoopProject('github-20', { ...github, count: 20 }), DEV_LOOP_EDITS, log),
];

const byKey = <T extends { key: string }>(results: T[], key: string) => results.find((result) => result.key === key)!;
const direct = byKey(latency, 'a');
const ratioOf = (ours: string, floorKey: string, field: 'p50' | 'throughput') => byKey(latency, ours)[field] / byKey(latency, floorKey)[field];
const targets: Target[] = [
  { name: 'HTTP p50, ours 2026-07-28 (cm) ≤ 1.15× floor (fm)', value: ratioOf('cm', 'fm', 'p50'), limit: 1.15, kind: 'max' },
  { name: 'HTTP calls/s at 8 in flight, ours 2026-07-28 (cm) ≥ 0.9× floor (fm)', value: ratioOf('cm', 'fm', 'throughput'), limit: 0.9, kind: 'min' },
  { name: 'HTTP p50, ours 2025 era (c) ≤ 1.15× floor (f)', value: ratioOf('c', 'f', 'p50'), limit: 1.15, kind: 'max' },
  { name: 'HTTP calls/s at 8 in flight, ours 2025 era (c) ≥ 0.9× floor (f)', value: ratioOf('c', 'f', 'throughput'), limit: 0.9, kind: 'min' },
  { name: 'stdio p50, ours (b) ≤ 1.05× hand-written server (d)', value: ratioOf('b', 'd', 'p50'), limit: 1.05, kind: 'max' },
  { name: 'stdio calls/s at 8 in flight, ours (b) ≥ 0.9× hand-written server (d)', value: ratioOf('b', 'd', 'throughput'), limit: 0.9, kind: 'min' },
  { name: 'cold start, 1,000 tools ≤ 1.0× one-tool hand-written server (d)', value: byKey(coldStarts, 'gh1000').totalMs / byKey(coldStarts, 'd').totalMs, limit: 1.0, kind: 'max' },
  { name: 'codegen, 1,000 operations ≤ 1.2× plain codegen', value: codegen.find((c) => c.kind === 'ours')!.meanMs / codegen.find((c) => c.kind === 'plain')!.meanMs, limit: 1.2, kind: 'max' },
  { name: 'npm run build, 1,000 operations ≤ 15 s', value: buildMs / 1000, limit: 15, kind: 'max', unit: 's' },
  { name: 'dev loop, demo: save → list_changed median ≤ 500 ms', value: devLoop[0].reloadMedianMs, limit: 500, kind: 'max', unit: 'ms' },
  { name: 'dev loop, GitHub 20 operations: save → list_changed median ≤ 1,500 ms', value: devLoop[1].reloadMedianMs, limit: 1500, kind: 'max', unit: 'ms' },
  { name: 'dev loop, demo: initialize answered ≤ 2,000 ms after spawn', value: devLoop[0].initializeMs, limit: 2000, kind: 'max', unit: 'ms' },
  ...tokenTargets,
];
const floor = byKey(latency, 'd').p50 / direct.p50;

const report = [
  `Machine: ${machine}. Command: \`npm run bench${quick ? ' -- --quick' : ''}\`; ${new Date().toISOString().slice(0, 10)}; took ${Math.round((performance.now() - started) / 1000)} s.`,
  '',
  `### Per-call latency and throughput (search_providers on the demo API; ${LATENCY.rounds} × ${LATENCY.callsPerRound} sequential and ${LATENCY.rounds} × ${LATENCY.concurrentCallsPerRound} concurrent calls per variant, after ${LATENCY.warmupCalls} + ${LATENCY.warmupCalls} warm-up)`,
  '',
  latencyTable(latency, LATENCY.concurrency),
  '',
  `### Cold start: spawn → initialize → tools/list answered (stdio, median of ${COLD_START_ROUNDS})`,
  '',
  coldStartTable(coldStarts, 'd'),
  '',
  '### Memory and tools/list payload',
  '',
  footprintTable(coldStarts),
  '',
  `### Codegen (mean of ${CODEGEN_ROUNDS})`,
  '',
  codegenTable(codegen),
  '',
  `### Developer loop (\`node codegen/dev/dev.mjs\` under the SDK client over stdio; ${DEV_LOOP_EDITS} edits of one operation's comment)`,
  '',
  devLoopTable(devLoop),
  '',
  `npm run build of the 1,000-operation GitHub snapshot, measured in this run: ${(buildMs / 1000).toFixed(1)} s.`,
  '',
  '### Building the servers (wall time when each snapshot was last built; setup, not compared)',
  '',
  buildTable([
    { label: 'GitHub schema, 10 operations', ...projects.github10 },
    { label: 'GitHub schema, 1,000 operations', ...projects.github1000 },
    { label: 'demo schema, 1,000 operations', ...projects.demo1000 },
  ]),
  '',
  '### Model-facing tokens per tool (name + description + input JSON Schema, ~4 characters a token)',
  '',
  tokensReport(tokens),
  '',
  '### Targets',
  '',
  targetsTable(targets),
  '',
  `For reference, the hand-written one-tool server (d) itself answers at ${floor.toFixed(2)}× the direct call's p50: the stdio hop's floor.`,
  '',
].join('\n');
process.stdout.write(report);
writeFileSync(path.join(scratchPath('.'), 'last-run.md'), report);

/** Issue 13's targets on model-facing tokens (absolute: token counts do not depend on the machine). */
function tokenTargetsOf(results: TokenResult[]): Target[] {
  const linear = results.find((result) => result.label === 'Linear-style filter')!;
  const tool = (name: string) => linear.tools.find((candidate) => candidate.tool === name)!;
  const github = tokenSummary(results.find((result) => result.label === 'GitHub, 1,000 operations')!);
  return [
    { name: 'Linear-style list_issues, default pruning ≤ 2,000 tokens', value: tool('list_issues').tokens, limit: 2000, kind: 'max', unit: 'tokens' },
    { name: 'Linear-style find_issues, curated filter ≤ 500 tokens', value: tool('find_issues').tokens, limit: 500, kind: 'max', unit: 'tokens' },
    { name: 'GitHub 1,000 operations: median ≤ 150 tokens', value: github.median, limit: 150, kind: 'max', unit: 'tokens' },
    { name: 'GitHub 1,000 operations: max ≤ 1,000 tokens', value: github.max, limit: 1000, kind: 'max', unit: 'tokens' },
    { name: 'codegen (plugin) for the filter operation list_issues ≤ 1,000 ms', value: tool('list_issues').pluginMs, limit: 1000, kind: 'max', unit: 'ms' },
  ];
}
