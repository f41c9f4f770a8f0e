// Child processes for the servers under test: forked with IPC, ready when they say so,
// always stopped by their own pid.
import { fork } from 'node:child_process';

const children = new Set();

export function startChild(script, args = [], { execArgv = [], timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script} did not start within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready\n${stderr}`));
    });
    child.once('message', (msg) => {
      clearTimeout(timer);
      resolve({ child, ...msg, stderr: () => stderr });
    });
  });
}

export function ask(child, type, timeoutMs = 5_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} answer`)), timeoutMs);
    const onMessage = (msg) => {
      if (msg?.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

/** Asks a child to close and waits (bounded) for it to exit; kills it by pid otherwise. */
export function stopChild(child, timeoutMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'close' }, (err) => err && child.kill());
    else child.kill();
  });
}

export function killAllChildren() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}
