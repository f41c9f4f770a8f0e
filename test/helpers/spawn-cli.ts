// Runs the built CLI (bin/idp-emulator.js → out/main/cli.js) as a child process and collects
// its output, with timeouts so a hung process fails the test instead of stalling it.
import { spawn, type ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/idp-emulator.js', import.meta.url));
const BUILT_CLI = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));

/** Fails with instructions when the CLI has not been built (npm test builds it first). */
export async function assertCliBuilt(): Promise<void> {
  try {
    await access(BUILT_CLI);
  } catch {
    throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` before these tests (\`npm test\` does it for you)`);
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** Resolves with the first match of `pattern` in stdout; rejects on exit or timeout. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

const running = new Set<ChildProcess>();

/** `as` runs the CLI as another user (root only), e.g. to meet a read-only folder. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}, as?: { uid: number; gid: number }): CliProcess {
  return spawnProcess(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, env, ...as });
}

/** Any command, watched like the CLI (e.g. the installed package's `npm exec idp-emulator`). */
export function spawnProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; uid?: number; gid?: number },
): CliProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    ...(options.uid !== undefined && { uid: options.uid }),
    ...(options.gid !== undefined && { gid: options.gid }),
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(out);
          if (match) return done(() => resolve(match));
          if (child.exitCode !== null || child.signalCode !== null) {
            done(() => reject(new Error(`CLI exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}\nstdout: ${out}\nstderr: ${err}`)));
          }
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${pattern} on stdout after ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`))),
          timeoutMs,
        );
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs the CLI to completion (killing it after `timeoutMs`) and returns its exit and output. */
export async function runCli(args: readonly string[], timeoutMs = 10_000, env: Record<string, string> = {}): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = spawnCli(args, env);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  try {
    const exit = await cli.exited;
    return { ...exit, stdout: cli.stdout(), stderr: cli.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** Kills whatever a failed test left running. */
export function killRunningClis(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
