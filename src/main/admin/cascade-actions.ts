// Deleting Actions entities, and what other deletions take with them: a target leaves the
// executions naming it, an action the flows naming it, an org its actions and flows.
import type { StoreData } from '../store/schema.js';

export function deleteActionEntity(draft: StoreData, collection: 'targets' | 'actions', id: string): void {
  if (collection === 'targets') {
    draft.targets = draft.targets.filter((t) => t.id !== id);
    for (const execution of draft.executions) execution.targets = execution.targets.filter((t) => t !== id);
  } else {
    draft.actions = draft.actions.filter((a) => a.id !== id);
    for (const flow of draft.flows) flow.actionIds = flow.actionIds.filter((a) => a !== id);
  }
}

/** Drops the actions and flows of orgs that no longer exist. */
export function dropActionsOfDeletedOrgs(draft: StoreData): void {
  const orgIds = new Set(draft.orgs.map((o) => o.id));
  draft.actions = draft.actions.filter((a) => orgIds.has(a.orgId));
  draft.flows = draft.flows.filter((f) => orgIds.has(f.orgId));
  const actionIds = new Set(draft.actions.map((a) => a.id));
  for (const flow of draft.flows) flow.actionIds = flow.actionIds.filter((a) => actionIds.has(a));
}
