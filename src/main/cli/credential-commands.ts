// `idp-emulator keys add` and `idp-emulator pat add`: credentials for service users and apps,
// written into the store file, with the key JSON printed or saved like ZITADEL's download.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addAppKey, addPersonalAccessToken, addServiceUserKey } from '../credentials/manage-credentials.js';
import { buildDemoSeed } from '../store/demo-seed.js';
import { createIdGenerator, type IdGenerator } from '../store/ids.js';
import { filePersistence } from '../store/persistence.js';
import { openStore, trackRevisions, type Store } from '../store/store.js';
import { UsageError } from './parse-serve-args.js';

export const CREDENTIAL_USAGE = `Usage:
  idp-emulator keys add (--user <service user> | --app <app name or client id>)
                        [--expires <date>] [--public-key <pem file>] [--out <file>] [--store <file>]
  idp-emulator pat add --user <service user> [--expires <date>] [--store <file>]

keys add   creates an RSA-2048 key and prints its key JSON (or saves it with --out),
           exactly like a key downloaded from ZITADEL. With --public-key the given key is
           registered instead and no JSON is written.
pat add    creates a personal access token for a service user and prints it.
--expires  YYYY-MM-DD or an ISO date-time in the future (default 9999-12-31).
--store    the store file (default ./idp-emulator.json). An emulator running on that
           file picks the change up at once.
`;

interface CredentialCommand {
  kind: 'key' | 'pat';
  user?: string;
  app?: string;
  expires?: string;
  publicKeyFile?: string;
  out?: string;
  storePath: string;
}

export function parseCredentialArgs(argv: readonly string[]): CredentialCommand {
  const [noun, verb, ...rest] = argv;
  if (verb !== 'add') throw new UsageError(`"${noun} ${verb ?? ''}" is not a command; use "${noun} add"`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        user: { type: 'string' },
        app: { type: 'string' },
        expires: { type: 'string' },
        'public-key': { type: 'string' },
        out: { type: 'string' },
        store: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const kind = noun === 'pat' ? 'pat' : 'key';
  if ((values.user === undefined) === (values.app === undefined)) throw new UsageError('give exactly one of --user or --app');
  if (kind === 'pat' && values.app !== undefined) throw new UsageError('personal access tokens belong to service users: use --user');
  if (kind === 'pat' && (values['public-key'] !== undefined || values.out !== undefined)) {
    throw new UsageError('pat add takes only --user, --expires and --store');
  }
  return {
    kind,
    user: values.user,
    app: values.app,
    expires: values.expires,
    publicKeyFile: values['public-key'],
    out: values.out,
    storePath: resolve(values.store ?? 'idp-emulator.json'),
  };
}

/** Runs the command; returns what to print on stdout. Throws CredentialError, StoreError or fs errors. */
export async function runCredentialCommand(cmd: CredentialCommand): Promise<string> {
  const newId = createIdGenerator();
  const now = new Date();
  // Save failures and conflicts reach the caller through store.saved() below.
  const store = await openStore(filePersistence(cmd.storePath), () => buildDemoSeed({ newId, now }), () => undefined);
  const { result, revisions } = await trackRevisions(() => addCredential(cmd, store, newId, now));
  // Like an admin write: done only once on disk. A running emulator reloads the file like a hand
  // edit; if the file changed since it was read here, nothing is overwritten (StoreConflictError).
  await Promise.all(revisions.map((revision) => store.saved(revision)));
  return result;
}

async function addCredential(cmd: CredentialCommand, store: Store, newId: IdGenerator, now: Date): Promise<string> {
  const common = { newId, now, ...(cmd.expires !== undefined && { expirationDate: cmd.expires }) };
  let output: string;
  if (cmd.kind === 'pat') {
    const pat = addPersonalAccessToken(store, cmd.user ?? '', common);
    output = `${pat.token}\n`;
  } else {
    const publicKey = cmd.publicKeyFile === undefined ? undefined : await readFile(cmd.publicKeyFile, 'utf8');
    const options = { ...common, ...(publicKey !== undefined && { publicKey }) };
    const added = cmd.user !== undefined ? await addServiceUserKey(store, cmd.user, options) : await addAppKey(store, cmd.app ?? '', options);
    const json = added.keyFile ? `${JSON.stringify(added.keyFile, null, 2)}\n` : '';
    if (cmd.out !== undefined && json) {
      await writeFile(cmd.out, json, { mode: 0o600 });
      output = `key ${added.key.id} saved to ${cmd.out}\n`;
    } else output = json || `public key registered as key ${added.key.id}\n`;
  }
  return output;
}
