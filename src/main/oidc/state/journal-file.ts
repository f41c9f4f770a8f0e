// The runtime state's file: a journal (JSON Lines, see journal-codec.ts) that saves append to
// and that is rewritten whole (compacted) only once it has grown past a multiple of the live
// state. Appends and rewrites go through the thread pool (fs promises), never blocking the
// event loop; the rewrite goes to a temporary file renamed over the journal, so a crash at any
// moment leaves either the old or the new file. Within a file, a save counts once its commit
// line is complete: a torn tail (a crash in the middle of a save) is ignored and cut off.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, rename, rm, truncate, type FileHandle } from 'node:fs/promises';
import { COMMIT_LINE, JOURNAL_HEADER } from './journal-codec.js';

/** Runtime state holds live tokens: only the owner may read it. */
const FILE_MODE = 0o600;
/** ~800 records: what a start processes in one go while discovery already answers. */
const READ_CHUNK_BYTES = 128 * 1024;
const NEWLINE = 0x0a;
/** The commit line parsed. */
const COMMIT = JSON.parse(COMMIT_LINE) as string;

/** What reading the file found. */
export type JournalContents =
  | { format: 'none' }
  | { format: 'journal'; recordLines: number }
  /** A runtime state file written before the journal (one JSON snapshot); it is rewritten as a journal. */
  | { format: 'snapshot'; snapshot: unknown };

export interface JournalReader {
  /** The lines of one complete save, parsed, in file order. May throw: the file is then broken. */
  batch(lines: unknown[]): void;
}

export class JournalFile {
  readonly path: string;
  #append: FileHandle | undefined;

  constructor(path: string) {
    this.path = path;
  }

  /** Whether the next save can append (false before the first rewrite and after a failed append). */
  get isOpen(): boolean {
    return this.#append !== undefined;
  }

  /**
   * Streams the file (never one parse of the whole text) and hands each complete save to the
   * reader. Throws when the file is not a journal or is damaged before its last complete save.
   */
  async read(reader: JournalReader): Promise<JournalContents> {
    const stream = createReadStream(this.path, { highWaterMark: READ_CHUNK_BYTES });
    try {
      await once(stream, 'open');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { format: 'none' };
      throw err;
    }
    const scan = new LineScanner(reader);
    for await (const chunk of stream) scan.push(chunk as Buffer);
    const result = scan.finish();
    if (result.format === 'journal') await this.#openForAppend(result.committedBytes);
    return result.format === 'journal' ? { format: 'journal', recordLines: result.recordLines } : result;
  }

  /** Appends one save's lines (the caller ends them with the commit line) and syncs them. */
  async append(text: string): Promise<void> {
    const handle = this.#append;
    if (!handle) throw new Error('the runtime state journal is not open');
    try {
      await handle.appendFile(text);
    } catch (err) {
      // A partial line may be on disk now: the next save rewrites the file instead of appending.
      this.#append = undefined;
      await handle.close().catch(() => undefined);
      throw err;
    }
  }

  async sync(): Promise<void> {
    await this.#append?.datasync();
  }

  /**
   * Writes a new journal through `produce` (which writes its lines in chunks, letting the event
   * loop run between them) to a temporary file, then renames it over the journal.
   */
  async rewrite(produce: (write: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    await rm(temp, { force: true });
    // O_APPEND: every write lands at the end (FileHandle.writeFile does not promise that).
    const handle = await open(temp, 'a', FILE_MODE);
    try {
      await handle.appendFile(JOURNAL_HEADER);
      await produce((text) => handle.appendFile(text));
      await handle.datasync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    await rename(temp, this.path);
    await this.#append?.close().catch(() => undefined);
    this.#append = undefined;
    await this.#openForAppend();
  }

  /** Moves an unreadable file out of the way, so the next start begins empty (as the store does not). */
  async setAside(): Promise<string> {
    await this.close();
    const aside = `${this.path}.broken-${Date.now()}`;
    await rename(this.path, aside).catch(() => undefined);
    return aside;
  }

  async close(): Promise<void> {
    const handle = this.#append;
    this.#append = undefined;
    await handle?.close();
  }

  async #openForAppend(cutAt?: number): Promise<void> {
    if (cutAt !== undefined) await truncate(this.path, cutAt);
    this.#append = await open(this.path, 'a', FILE_MODE);
  }
}

type ScanResult = { format: 'none' } | { format: 'snapshot'; snapshot: unknown } | { format: 'journal'; recordLines: number; committedBytes: number };

/** Splits the byte stream into lines, groups them into saves, and tracks where the last save ends. */
class LineScanner {
  readonly #reader: JournalReader;
  /** Bytes of a line that has not ended yet (a legacy snapshot is one long line). */
  #partial: Buffer[] = [];
  #offset = 0;
  #lineNumber = 0;
  #format: 'unknown' | 'journal' | 'snapshot' = 'unknown';
  #snapshot: unknown;
  #batch: unknown[] = [];
  #committedBytes = 0;
  #recordLines = 0;
  /** A line after the last commit that is not JSON: a torn save, unless a commit follows. */
  #damagedAt: number | undefined;

  constructor(reader: JournalReader) {
    this.#reader = reader;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end);
      let text: string;
      if (this.#partial.length > 0) {
        const whole = Buffer.concat([...this.#partial, piece]);
        text = whole.toString('utf8');
        this.#offset += whole.length + 1;
        this.#partial = [];
      } else {
        text = piece.toString('utf8');
        this.#offset += piece.length + 1;
      }
      this.#line(text);
      start = end + 1;
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
  }

  #line(text: string): void {
    this.#lineNumber += 1;
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      if (this.#format === 'unknown') throw new Error('not a runtime state file');
      this.#damagedAt ??= this.#lineNumber;
      return;
    }
    if (this.#format === 'unknown') return this.#header(value);
    if (this.#format === 'snapshot') throw new Error('unexpected data after the snapshot');
    if (value === COMMIT) {
      if (this.#damagedAt !== undefined) throw new Error(`line ${this.#damagedAt} is damaged`);
      this.#reader.batch(this.#batch);
      for (const line of this.#batch) if ((line as unknown[])[0] !== 'k') this.#recordLines += 1;
      this.#batch = [];
      this.#committedBytes = this.#offset;
      return;
    }
    if (this.#damagedAt !== undefined) return;
    if (!Array.isArray(value)) throw new Error(`line ${this.#lineNumber} is not a journal entry`);
    this.#batch.push(value);
  }

  #header(value: unknown): void {
    const version = typeof value === 'object' && value !== null ? (value as { v?: unknown; version?: unknown }) : {};
    if (version.v === 2) {
      this.#format = 'journal';
      this.#committedBytes = this.#offset;
    } else if (version.version === 1) {
      this.#format = 'snapshot';
      this.#snapshot = value;
    } else throw new Error('unknown format');
  }

  finish(): ScanResult {
    // A last line without its newline is a save cut short; so are the lines after the last commit.
    if (this.#format === 'journal') return { format: 'journal', recordLines: this.#recordLines, committedBytes: this.#committedBytes };
    if (this.#format === 'snapshot') return { format: 'snapshot', snapshot: this.#snapshot };
    if (this.#partial.length > 0 && this.#lineNumber === 0) {
      // Only a legacy snapshot can lack its newline (lowdb wrote none): try it whole.
      const text = Buffer.concat(this.#partial).toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        // A journal whose very first write was cut short holds nothing yet.
        if (JOURNAL_HEADER.startsWith(text)) return { format: 'none' };
        throw new Error('not a runtime state file');
      }
      this.#header(value);
      if ((this.#format as string) === 'snapshot') return { format: 'snapshot', snapshot: this.#snapshot };
    }
    return { format: 'none' };
  }
}
