import { describe, expect, it } from 'vitest';
import { tools } from '../generated/tools.js';
import { estimateTokens } from '../src/config/token-count.js';
import { fitData, pagingArgumentsOf } from '../src/tools/result-budget.js';
import { resultFromFailure, resultFromResponse, type ResultContext } from '../src/tools/tool-results.js';
import { BoundedJsonReader } from '../src/upstream/bounded-json.js';

const searchPatients = tools.find((tool) => tool.name === 'search_patients')!;

function patients(count: number) {
  return Array.from({ length: count }, (_, index) => ({ id: `pat-${index}`, mrn: `MRN-${100000 + index}`, firstName: 'Ana', lastName: 'Rivera', dateOfBirth: '1984-07-14', status: 'ACTIVE' }));
}

function contextFor(overrides: Partial<ResultContext> = {}): ResultContext {
  return {
    toolName: 'search_patients',
    endpoint: 'http://api.test/graphql',
    secrets: [],
    maskDetails: false,
    outputSchema: searchPatients.outputSchema,
    maxResultTokens: 2_000,
    pagingArguments: ['limit', 'offset'],
    mutation: false,
    readOnlyTools: ['search_patients', 'list_appointments'],
    ...overrides,
  };
}

describe('the result budget', () => {
  it('returns small data whole, as compact JSON text and structuredContent', () => {
    const data = { searchPatients: { total: 2, items: patients(2) } };
    const result = resultFromResponse({ data, cuts: [] }, contextFor());
    expect(result.isError).toBeFalsy();
    expect(result.content).toHaveLength(1);
    expect((result.content[0] as { text: string }).text).toBe(JSON.stringify(data));
    expect(result.structuredContent).toEqual(data);
  });

  it('cuts the longest list to fit, keeps the result valid and says what was cut and how to ask for less', () => {
    const data = { searchPatients: { total: 5000, items: patients(5000) } };
    const result = resultFromResponse({ data, cuts: [] }, contextFor());
    expect(result.isError).toBeFalsy();
    expect(estimateTokens(JSON.stringify(result).length)).toBeLessThanOrEqual(2_000);
    const kept = (result.structuredContent as typeof data).searchPatients.items.length;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(5000);
    expect(searchPatients.outputSchema.safeParse(result.structuredContent).success).toBe(true);
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
    const note = (result.content[1] as { text: string }).text;
    expect(note).toContain(`searchPatients.items: kept ${kept} of 5000 items`);
    expect(note).toMatch(/use this tool's paging arguments \(`limit`, `offset`\)/);
  });

  it('counts lists the reader already cut as received in full', () => {
    const data = { searchPatients: { total: 250000, items: patients(300) } };
    const result = resultFromResponse({ data, cuts: [{ path: ['data', 'searchPatients', 'items'], kept: 300, received: 250000 }] }, contextFor());
    expect((result.content[1] as { text: string }).text).toMatch(/searchPatients\.items: kept \d+ of 250000 items/);
  });

  it('keeps short lists whole and cuts the long ones first', () => {
    const data = { short: [1, 2, 3], long: Array.from({ length: 1000 }, (_, index) => `item number ${index}`) };
    const fitted = fitData(data, (value) => JSON.stringify(value).length, 2_000)!;
    expect((fitted.data as typeof data).short).toEqual([1, 2, 3]);
    expect((fitted.data as typeof data).long.length).toBeLessThan(1000);
    expect(fitted.cuts).toEqual([{ path: 'long', lists: 1, kept: (fitted.data as typeof data).long.length, received: 1000 }]);
  });

  it('groups lists inside lists by their path', () => {
    const data = { patients: Array.from({ length: 3 }, () => ({ visits: Array.from({ length: 500 }, (_, index) => index) })) };
    const fitted = fitData(data, (value) => JSON.stringify(value).length, 1_000)!;
    expect(fitted.cuts).toHaveLength(1);
    expect(fitted.cuts[0]).toMatchObject({ path: 'patients[].visits', lists: 3, received: 1500 });
  });

  it('refuses, with advice, data that does not fit even with every list empty', () => {
    const data = { report: { title: 'x'.repeat(20_000), lines: ['a', 'b'] } };
    const result = resultFromResponse({ data, cuts: [] }, contextFor({ maxResultTokens: 1_000, outputSchema: undefined }));
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/too large for one result.*paging arguments/s);
    expect(estimateTokens(JSON.stringify(result).length)).toBeLessThanOrEqual(1_000);
  });

  it('budgets partial data next to GraphQL errors too', () => {
    const data = { searchPatients: { total: 5000, items: patients(5000) } };
    const result = resultFromResponse({ data, errors: [{ message: 'boom', path: ['searchPatients', 'items', 7, 'mrn'] } as never], cuts: [] }, contextFor());
    expect(result.isError).toBe(true);
    expect(estimateTokens(JSON.stringify(result).length)).toBeLessThanOrEqual(2_000);
    expect((result.content[0] as { text: string }).text).toMatch(/Partial data: \{.*\nResult cut to fit/s);
  });

  it('names the paging arguments of a tool by the usual names', () => {
    expect(pagingArgumentsOf(['name', 'limit', 'offset'])).toEqual(['limit', 'offset']);
    expect(pagingArgumentsOf(['first', 'after', 'owner'])).toEqual(['first', 'after']);
    expect(pagingArgumentsOf(['id'])).toEqual([]);
  });
});

describe('reading an answer with bounded memory', () => {
  it('keeps the start of each long list and counts the rest', () => {
    const reader = new BoundedJsonReader(100);
    const document = { data: { a: Array.from({ length: 1000 }, (_, index) => index), b: { c: 'x"y', d: null, e: true, f: [] } } };
    const text = JSON.stringify(document);
    for (let offset = 0; offset < text.length; offset += 7) reader.write(text.slice(offset, offset + 7));
    const { value, cuts } = reader.end();
    const kept = (value as typeof document).data.a;
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, index) => index));
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(100);
    expect((value as typeof document).data.b).toEqual(document.data.b);
    expect(cuts).toEqual([{ path: ['data', 'a'], kept: kept.length, received: 1000 }]);
  });

  it('rejects JSON that is invalid or ends early', () => {
    expect(() => new BoundedJsonReader(100).write('{"a": [1, 2,, 3]}')).toThrow();
    const reader = new BoundedJsonReader(100);
    reader.write('{"a": [1, 2');
    expect(() => reader.end()).toThrow();
  });
});

describe('failed mutations', () => {
  const mutation = contextFor({ toolName: 'create_appointment', mutation: true, pagingArguments: [] });

  it('say the outcome is unknown after a timeout or a dropped connection, and never "try again"', () => {
    for (const failure of [{ kind: 'timeout', timeoutMs: 1000 }, { kind: 'network', code: 'ECONNRESET', detail: 'socket hang up' }, { kind: 'http', status: 502, statusText: 'Bad Gateway', body: '' }] as const) {
      const text = (resultFromFailure(failure, mutation).content[0] as { text: string }).text;
      expect(text).toMatch(/The outcome is unknown: the mutation may or may not have taken effect\. Check the current state with a read-only tool \(e\.g\. `search_patients`, `list_appointments`\) before calling it again\./);
      expect(text).not.toMatch(/try again/i);
    }
  });

  it('say nothing changed when the API refused the request, still without "try again"', () => {
    for (const failure of [{ kind: 'network', code: 'ECONNREFUSED', detail: '' }, { kind: 'http', status: 429, statusText: 'Too Many Requests', body: '' }] as const) {
      const text = (resultFromFailure(failure, mutation).content[0] as { text: string }).text;
      expect(text).toMatch(/did not carry out the mutation, so nothing changed/);
      expect(text).not.toMatch(/try again/i);
    }
    const queryText = (resultFromFailure({ kind: 'timeout', timeoutMs: 1000 }, contextFor()).content[0] as { text: string }).text;
    expect(queryText).toMatch(/Try again/);
  });
});
