// The zitadel.management.v1.ManagementService methods the emulator serves (reference §6).
import type { Rpc } from '../rpc.js';

export const MANAGEMENT_RPCS: readonly Rpc[] = [];
