/**
 * Reads a JSON document as it streams in, keeping only the start of each long list, so an
 * upstream answer of any size costs bounded memory. The elements of a list that start within its
 * first `listBudgetBytes` bytes are kept; the rest are parsed (to count them and check the JSON)
 * but not built. Each cut list is reported with its path and how many elements it had.
 * Tokenizing is @streamparser/json's; this file only decides what to keep.
 */
import { Tokenizer, TokenType, type ParsedTokenInfo } from '@streamparser/json';

export type JsonPath = readonly (string | number)[];

/** A list the reader shortened: `kept` of `received` elements. */
export interface ListCut {
  path: JsonPath;
  kept: number;
  received: number;
}

/** What may come next inside a container: the grammar check the tokenizer leaves to its user. */
type Expect = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';

interface ObjectFrame {
  kind: 'object';
  value: Record<string, unknown> | undefined;
  key?: string;
  expect: Expect;
}

interface ArrayFrame {
  kind: 'array';
  value: unknown[] | undefined;
  start: number;
  received: number;
  expect: Expect;
}

type Frame = ObjectFrame | ArrayFrame;

export class BoundedJsonReader {
  private readonly tokenizer = new Tokenizer();
  private readonly stack: Frame[] = [];
  private readonly cuts: ListCut[] = [];
  private root: unknown;
  private done = false;

  constructor(private readonly listBudgetBytes: number) {
    this.tokenizer.onToken = (token) => this.onToken(token);
    this.tokenizer.onEnd = () => undefined;
  }

  /** Throws a TokenizerError on invalid JSON. */
  write(chunk: Uint8Array | string): void {
    this.tokenizer.write(chunk);
  }

  end(): { value: unknown; cuts: ListCut[] } {
    if (!this.tokenizer.isEnded) this.tokenizer.end();
    if (!this.done) throw new SyntaxError('the JSON document ended early');
    return { value: this.root, cuts: this.cuts };
  }

  private onToken({ token, value, offset }: ParsedTokenInfo): void {
    const parent = this.stack.at(-1);
    if (this.done && !parent) throw new SyntaxError(`unexpected data after the JSON document at byte ${offset}`);
    const expect = parent?.expect ?? 'value';
    switch (token) {
      case TokenType.COLON:
        if (expect !== 'colon') throw unexpectedToken(offset);
        parent!.expect = 'value';
        return;
      case TokenType.COMMA:
        if (expect !== 'comma-or-end') throw unexpectedToken(offset);
        parent!.expect = parent!.kind === 'object' ? 'key' : 'value';
        return;
      case TokenType.RIGHT_BRACE:
        if (parent?.kind !== 'object' || (expect !== 'key-or-end' && expect !== 'comma-or-end')) throw unexpectedToken(offset);
        this.close();
        return;
      case TokenType.RIGHT_BRACKET:
        if (parent?.kind !== 'array' || (expect !== 'value-or-end' && expect !== 'comma-or-end')) throw unexpectedToken(offset);
        this.close();
        return;
    }
    if (expect === 'key' || expect === 'key-or-end') {
      if (token !== TokenType.STRING) throw unexpectedToken(offset);
      (parent as ObjectFrame).key = value as string;
      parent!.expect = 'colon';
      return;
    }
    if (expect !== 'value' && expect !== 'value-or-end') throw unexpectedToken(offset);
    if (parent) parent.expect = 'comma-or-end';
    switch (token) {
      case TokenType.LEFT_BRACE: {
        const keep = this.keepsNext(offset);
        this.stack.push({ kind: 'object', value: keep ? {} : undefined, expect: 'key-or-end' });
        return;
      }
      case TokenType.LEFT_BRACKET: {
        const keep = this.keepsNext(offset);
        this.stack.push({ kind: 'array', value: keep ? [] : undefined, start: offset, received: 0, expect: 'value-or-end' });
        return;
      }
      default:
        if (this.keepsNext(offset)) this.attach(value);
    }
  }

  /** Counts the value about to start in the current container; true when it is to be kept. */
  private keepsNext(offset: number): boolean {
    const parent = this.stack.at(-1);
    if (!parent) return true;
    if (parent.kind === 'object') return parent.value !== undefined;
    parent.received += 1;
    return parent.value !== undefined && offset - parent.start <= this.listBudgetBytes;
  }

  private close(): void {
    const frame = this.stack.pop()!;
    if (frame.kind === 'array' && frame.value && frame.value.length < frame.received) {
      this.cuts.push({ path: this.pathOf(this.stack), kept: frame.value.length, received: frame.received });
    }
    if (frame.value === undefined) return;
    this.attach(frame.value);
  }

  private attach(value: unknown): void {
    const parent = this.stack.at(-1);
    if (!parent) return this.finish(value);
    if (parent.kind === 'array') {
      parent.value?.push(value);
      return;
    }
    if (parent.value && parent.key !== undefined) parent.value[parent.key] = value;
  }

  private finish(value: unknown): void {
    this.root = value;
    this.done = true;
  }

  /** The path of the value being built in the innermost of `frames`. */
  private pathOf(frames: readonly Frame[]): JsonPath {
    return frames.map((frame) => (frame.kind === 'object' ? (frame.key ?? '') : (frame.value?.length ?? 0)));
  }
}

function unexpectedToken(offset: number): SyntaxError {
  return new SyntaxError(`unexpected token at byte ${offset} in the JSON document`);
}
