// Bundler warnings that are understood and harmless, so the build prints nothing a user has to
// wonder about. Every other log still goes to the default handler.
import type { BuildEnvironmentOptions } from 'vite';

type OnLog = NonNullable<NonNullable<BuildEnvironmentOptions['rollupOptions']>['onLog']>;
type Log = Parameters<OnLog>[1];

/** depd (through http-errors, used by Koa) builds its deprecation wrappers with a direct eval on
 *  its own strings, never on input; the warning says nothing about this project. */
function isDepdEval(log: Log): boolean {
  return log.code === 'EVAL' && /[\\/]depd[\\/]/.test(log.id ?? log.loc?.file ?? '');
}

export const ignoreKnownWarnings: OnLog = (level, log, handler) => {
  if (level === 'warn' && isDepdEval(log)) return;
  handler(level, log);
};
