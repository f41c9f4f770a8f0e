// The error a store file or a store write is refused with: it names the file (when there is
// one) and, for each problem, where it is and what is wrong.

export interface StoreProblem {
  /** A JSON path such as `apps[1].clientId`, or `line 3, column 7` for a syntax error. */
  where: string;
  message: string;
}

export class StoreError extends Error {
  readonly file: string | undefined;
  readonly problems: readonly StoreProblem[];

  constructor(problems: readonly StoreProblem[], file?: string) {
    const head = file ? `${file}: ` : '';
    const lines = problems.map((p) => `${p.where}: ${p.message}`);
    super(
      lines.length === 1 ? `${head}${lines[0]}` : `${head}${lines.length} problems\n  ${lines.join('\n  ')}`,
    );
    this.name = 'StoreError';
    this.file = file;
    this.problems = problems;
  }

  withFile(file: string): StoreError {
    return new StoreError(this.problems, file);
  }
}

export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(root)';
}
