// The library entry: `import { startEmulator } from 'idp-emulator'`.
export { EmulatorOptionsError, startEmulator, type CredentialOptions, type Emulator, type EmulatorFaults, type EmulatorOptions } from './emulator.js';
export { BridgeError } from './bridge/bridge-error.js';
export type { BrowserSessionCookie, StorageState } from './bridge/browser-session.js';
export type { Fault, FaultAction, FaultEndpoint, FaultError, FaultInput } from './bridge/faults.js';
export type { MintTokensRequest } from './bridge/mint-tokens.js';
export type { EmulatorSnapshot } from './bridge/snapshots.js';
export type { RotateSigningKeyOptions } from './bridge/test-bridge.js';
export type { EmulatorClock } from './bridge/virtual-clock.js';
export type { TamperKind } from './oidc/tokens/tamper-jwt.js';
export type { TokenResponse } from './oidc/tokens/issue-tokens.js';
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
