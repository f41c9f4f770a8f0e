// The library entry: `import { startEmulator } from 'idp-emulator'`.
export { EmulatorOptionsError, startEmulator, type CredentialOptions, type Emulator, type EmulatorOptions } from './emulator.js';
export type { ApplicationKeyFile, ServiceAccountKeyFile } from './credentials/key-files.js';
export { CredentialError } from './credentials/key-files.js';
export { StoreError, type StoreProblem } from './store/store-error.js';
export type { StoreInput, StoreData } from './store/schema.js';
export { OAuthError } from './oidc/errors.js';
export type {
  Action as ActionScript,
  Execution as ActionExecution,
  Flow as ActionFlow,
  Target as ActionTarget,
} from './store/actions-schema.js';
export type { ActionCallDto } from '../common/admin-api.js';
