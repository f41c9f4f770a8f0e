// --https: listens with a certificate from the per-user local CA (optionally plain HTTP on a
// second port too) and renews the certificate while running: before it expires, and when a
// configured domain is added. The X.509 code is imported only here, only when asked for.
import type { RequestListener } from 'node:http';
import type { HttpsInfoDto } from '../../common/admin-api.js';
import type { Logger } from '../http/handle-errors.js';
import { listen, type Listening } from '../http/listen.js';
import type { Store } from '../store/store.js';
import { LocalCaError, resolveConfigDir } from './config-dir.js';

/** How often a running emulator checks whether its certificate needs renewing. */
const RENEW_CHECK_MS = 12 * 60 * 60 * 1000;

export interface HttpsServeOptions {
  listener: RequestListener;
  host: string;
  port: number;
  httpPort?: number;
  /** Host names (besides the loopback ones) the certificate must cover from the start. */
  names: readonly string[];
  configDir?: string;
  log: Logger;
}

export interface ServedHttps {
  listening: Listening;
  httpPort?: number;
  info(): HttpsInfoDto;
  /** Keeps the certificate valid for `names()`; resolves (with the function that stops it) once it covers them. */
  renewFor(names: () => string[], store: Store): Promise<() => void>;
  close(): Promise<void>;
}

export async function startHttps(options: HttpsServeOptions): Promise<ServedHttps> {
  const { prepareLocalHttps } = await import('./local-https.js');
  const configDir = options.configDir ?? resolveConfigDir();
  let https;
  try {
    https = await prepareLocalHttps(configDir, options.names);
  } catch (err) {
    throw new LocalCaError(`cannot keep the local CA in ${configDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const listening = await listen(options.listener, options.host, options.port, https.current());
  let plain: Listening | undefined;
  if (options.httpPort !== undefined) {
    try {
      plain = await listen(options.listener, options.host, options.httpPort);
    } catch (err) {
      await listening.close();
      throw err;
    }
  }
  return {
    listening,
    ...(plain && { httpPort: plain.port }),
    info: () => https.info(),
    async renewFor(names, store) {
      let running = Promise.resolve();
      const check = (): void => {
        running = running
          .then(async () => {
            if (await https.renew(names())) listening.setTls(https.current());
          })
          .catch((err: unknown) => options.log(`could not renew the HTTPS certificate: ${err instanceof Error ? err.message : String(err)}`));
      };
      check();
      await running;
      const timer = setInterval(check, RENEW_CHECK_MS);
      timer.unref();
      const unsubscribe = store.onChange(check);
      return () => {
        clearInterval(timer);
        unsubscribe();
      };
    },
    close: async () => {
      await Promise.all([listening.close(), plain?.close()]);
    },
  };
}
