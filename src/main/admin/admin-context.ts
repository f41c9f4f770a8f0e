// What every admin route works with.
import type { HttpsInfoDto } from '../../common/admin-api.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { TestBridge } from '../bridge/test-bridge.js';
import type { Logger } from '../http/handle-errors.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { StoreChangeFeed } from './store-change-feed.js';

export interface AdminContext {
  deps: ProviderDeps;
  activity: ActivityLog;
  changes: StoreChangeFeed;
  /** Absent for in-memory stores. */
  storePath?: string;
  version: string;
  log: Logger;
  issuers?: () => string[];
  https?: () => HttpsInfoDto;
  /** The test bridge, when its routes are served. */
  bridge?: TestBridge;
}
