// Turns store text or a store object into validated StoreData, or a StoreError that says
// where (line/column for syntax, JSON path for content) and what is wrong.
import { checkReferences } from './check-references.js';
import { storeSchema, type StoreData } from './schema.js';
import { StoreError, formatJsonPath, type StoreProblem } from './store-error.js';

export function validateStore(input: unknown): StoreData {
  const parsed = storeSchema.safeParse(input);
  if (!parsed.success) {
    const problems: StoreProblem[] = parsed.error.issues.map((issue) => ({
      where: formatJsonPath(issue.path),
      message: issue.message,
    }));
    throw new StoreError(problems);
  }
  const problems = checkReferences(parsed.data);
  if (problems.length > 0) throw new StoreError(problems);
  return parsed.data;
}

export function parseStoreText(text: string): StoreData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StoreError([describeSyntaxError(text, err)]);
  }
  return validateStore(json);
}

/** V8 reports a character offset ("at position 42"); people want line and column. */
function describeSyntaxError(text: string, err: unknown): StoreProblem {
  const raw = err instanceof Error ? err.message : String(err);
  const match = /at position (\d+)/.exec(raw);
  const offset = match ? Number(match[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const message = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  const reason = text.trim() === '' ? 'the file is empty' : `invalid JSON: ${message}`;
  return { where: `line ${line}, column ${column}`, message: reason };
}
