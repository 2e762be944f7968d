/**
 * The result budget (MAX_RESULT_TOKENS): no tool result is larger, since a client drops or cuts a
 * bigger one (Claude Code caps results at 25,000 tokens; the SDK's client drops messages over
 * 10 MB) and a model could not use it anyway. When the data is larger, the longest lists are cut:
 * every list keeps at most the same number of items, the largest number that fits, so short lists
 * stay whole. Cutting items keeps the data valid against the tool's output schema. What was cut
 * is described for the model, with the tool's own paging arguments to ask for less.
 */
import type { JsonPath, ListCut } from '../upstream/bounded-json.js';

/** One list (or one list field across the items of outer lists) that was cut. */
export interface CutReport {
  /** e.g. "searchPatients.items", or "patients[].appointments" for a list inside a list. */
  path: string;
  lists: number;
  kept: number;
  received: number;
}

export interface FittedData {
  data: unknown;
  cuts: CutReport[];
}

/** Characters kept free for the note that says what was cut. */
export const NOTE_RESERVE_CHARACTERS = 1_200;
const MAX_NOTE_LINES = 5;

/**
 * The data with its lists cut so that `size(data)` is at most `budget` characters, or undefined
 * when even empty lists do not fit (e.g. one huge string). `readerCuts` are the lists already cut
 * while reading the answer (paths from the response root, "data" first): their received lengths
 * count as the lengths received.
 */
export function fitData(data: unknown, size: (data: unknown) => number, budget: number, readerCuts: readonly ListCut[] = []): FittedData | undefined {
  const received = new Map(readerCuts.filter((cut) => cut.path[0] === 'data').map((cut) => [pathKey(cut.path.slice(1)), cut.received]));
  let fitted = data;
  if (size(data) > budget) {
    const longest = longestList(data);
    // Binary search for the largest per-list cap that fits; cap 0 empties every list.
    if (size(capLists(data, 0)) > budget) return undefined;
    let low = 0;
    let high = longest;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (size(capLists(data, middle)) <= budget) low = middle;
      else high = middle - 1;
    }
    fitted = capLists(data, low);
  }
  return { data: fitted, cuts: describeCuts(fitted, data, received) };
}

/** What was cut and how to ask for less, for the model. */
export function cutNote(cuts: readonly CutReport[], maxTokens: number, pagingArguments: readonly string[]): string {
  const lines = cuts.slice(0, MAX_NOTE_LINES).map((cut) =>
    cut.lists === 1 ? `${cut.path}: kept ${cut.kept} of ${cut.received} items` : `${cut.path}: ${cut.lists} lists cut, kept ${cut.kept} of ${cut.received} items in all`,
  );
  if (cuts.length > MAX_NOTE_LINES) lines.push(`…and ${cuts.length - MAX_NOTE_LINES} more lists`);
  return [
    `Result cut to fit the server's result budget (about ${maxTokens} tokens): the data is valid but incomplete.`,
    ...lines.map((line) => `- ${line}`),
    askForLess(pagingArguments),
  ].join('\n');
}

/** How to ask this tool for less data, naming its own paging or limit arguments when it has them. */
export function askForLess(pagingArguments: readonly string[]): string {
  if (pagingArguments.length === 0) {
    return 'This tool has no paging or limit arguments: narrow the call with its other arguments (filters) to get fewer items.';
  }
  const names = pagingArguments.map((name) => `\`${name}\``).join(', ');
  return `To ask for less, use this tool's paging arguments (${names}): a smaller page, then the next pages.`;
}

const PAGING_ARGUMENT = /^(limit|first|last|take|top|size|count|max\w*|page|pageSize|page_size|perPage|per_page|offset|skip|after|before|cursor|start\w*Cursor|pageToken|page_token)$/i;

/** The tool's arguments that page or limit its results, by the usual names. */
export function pagingArgumentsOf(argumentNames: readonly string[]): string[] {
  return argumentNames.filter((name) => PAGING_ARGUMENT.test(name));
}

function longestList(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((longest: number, item) => Math.max(longest, longestList(item)), value.length);
  if (value && typeof value === 'object') return Object.values(value).reduce((longest: number, item) => Math.max(longest, longestList(item)), 0);
  return 0;
}

/** A copy in which every list keeps at most `cap` items. */
function capLists(value: unknown, cap: number): unknown {
  if (Array.isArray(value)) return value.slice(0, cap).map((item) => capLists(item, cap));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, capLists(item, cap)]));
  return value;
}

/** The lists shorter in `fitted` than received, walking it beside the data it was cut from. */
function describeCuts(fitted: unknown, original: unknown, received: ReadonlyMap<string, number>): CutReport[] {
  const groups = new Map<string, CutReport>();
  const visit = (value: unknown, original: unknown, path: JsonPath) => {
    if (Array.isArray(value)) {
      const originalLength = Array.isArray(original) ? original.length : value.length;
      const total = received.get(pathKey(path)) ?? originalLength;
      if (total > value.length) {
        const name = displayPath(path);
        const group = groups.get(name) ?? { path: name, lists: 0, kept: 0, received: 0 };
        group.lists += 1;
        group.kept += value.length;
        group.received += total;
        groups.set(name, group);
      }
      value.forEach((item, index) => visit(item, (original as unknown[])[index], [...path, index]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, (original as Record<string, unknown>)[key], [...path, key]);
    }
  };
  visit(fitted, original, []);
  return [...groups.values()];
}

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

function displayPath(path: JsonPath): string {
  return path.map((part, index) => (typeof part === 'number' ? '[]' : `${index > 0 ? '.' : ''}${part}`)).join('') || 'data';
}
