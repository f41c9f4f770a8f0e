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

/**
 * V8 reports a character offset ("at position 42") for some syntax errors but not for others
 * ("Unexpected token 'x', …"), where the old code fell back to the end of the file and so named
 * the wrong line. The offset is therefore always found by findJsonErrorOffset.
 */
function describeSyntaxError(text: string, err: unknown): StoreProblem {
  const raw = err instanceof Error ? err.message : String(err);
  const offset = findJsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const message = raw
    .replace(/\s*(?:in JSON )?at position \d+.*$/s, '')
    // Newer V8 appends an excerpt of the text (`, ..."b": x }" is not valid JSON`): noise here.
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/^JSON\.parse: /, '');
  const reason = text.trim() === '' ? 'the file is empty' : `invalid JSON: ${message}`;
  return { where: `line ${line}, column ${column}`, message: reason };
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Offset of the first character JSON (RFC 8259) does not allow; text.length if it ends early. */
export function findJsonErrorOffset(text: string): number {
  let i = 0;
  const stop = { offset: 0 };
  const fail = (): never => {
    stop.offset = i;
    throw stop;
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const expect = (char: string): void => {
    if (text.charAt(i) !== char) fail();
    i += 1;
  };
  const readString = (): void => {
    expect('"');
    for (;;) {
      const char = text.charAt(i);
      if (char === '"') return void (i += 1);
      if (char === '\\') {
        JSON_ESCAPE.lastIndex = i;
        if (!JSON_ESCAPE.test(text)) fail();
        i = JSON_ESCAPE.lastIndex;
      } else if (char === '' || char < ' ') fail();
      else i += 1;
    }
  };
  const readValue = (): void => {
    skipSpace();
    const char = text.charAt(i);
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i += 1;
      skipSpace();
      if (text.charAt(i) === close) return void (i += 1);
      for (;;) {
        if (close === '}') {
          skipSpace();
          readString();
          skipSpace();
          expect(':');
        }
        readValue();
        skipSpace();
        if (text.charAt(i) === close) return void (i += 1);
        expect(',');
      }
    }
    if (char === '"') return readString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) return void (i += literal.length);
    }
    JSON_NUMBER.lastIndex = i;
    if (!JSON_NUMBER.test(text)) fail();
    i = JSON_NUMBER.lastIndex;
  };
  try {
    readValue();
    skipSpace();
    if (i < text.length) fail();
  } catch (err) {
    if (err === stop) return stop.offset;
    throw err;
  }
  return text.length;
}
