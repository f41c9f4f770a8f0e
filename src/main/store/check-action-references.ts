// Cross-reference rules for Actions (reference zitadel-actions.md §2.2, §3.1): one execution per
// function naming existing targets, v1 actions in existing orgs with unique names and scripts
// that parse, one flow per org and trigger naming actions of that org.
import { Script } from 'node:vm';
import type { StoreData } from './schema.js';

export interface ActionReferenceChecks {
  report(where: string, message: string): void;
  /** Claims an id in the store's single id namespace. */
  claimId(id: string, where: string): void;
}

export function checkActionReferences(data: StoreData, { report, claimId }: ActionReferenceChecks): void {
  const targets = new Set<string>();
  data.targets.forEach((target, i) => {
    claimId(target.id, `targets[${i}]`);
    targets.add(target.id);
  });
  const functions = new Set<string>();
  data.executions.forEach((execution, i) => {
    if (functions.has(execution.function)) report(`executions[${i}].function`, `there is already an execution for function "${execution.function}"`);
    functions.add(execution.function);
    execution.targets.forEach((targetId, t) => {
      if (!targets.has(targetId)) report(`executions[${i}].targets[${t}]`, `no target has id "${targetId}"`);
    });
  });

  const orgIds = new Set(data.orgs.map((o) => o.id));
  const actions = new Map<string, string>();
  const names = new Set<string>();
  data.actions.forEach((action, i) => {
    claimId(action.id, `actions[${i}]`);
    actions.set(action.id, action.orgId);
    if (!orgIds.has(action.orgId)) report(`actions[${i}].orgId`, `no org has id "${action.orgId}"`);
    const nameKey = `${action.orgId}/${action.name}`;
    if (names.has(nameKey)) report(`actions[${i}].name`, `an action named "${action.name}" already exists in this org`);
    names.add(nameKey);
    const problem = findScriptSyntaxError(action.script);
    if (problem) report(`actions[${i}].script`, problem);
  });

  const triggers = new Set<string>();
  data.flows.forEach((flow, i) => {
    if (!orgIds.has(flow.orgId)) report(`flows[${i}].orgId`, `no org has id "${flow.orgId}"`);
    const key = `${flow.orgId}/${flow.type}/${flow.trigger}`;
    if (triggers.has(key)) report(`flows[${i}].trigger`, `this org already has a ${flow.type} flow for trigger "${flow.trigger}"`);
    triggers.add(key);
    flow.actionIds.forEach((actionId, a) => {
      const orgId = actions.get(actionId);
      if (orgId === undefined) report(`flows[${i}].actionIds[${a}]`, `no action has id "${actionId}"`);
      else if (orgId !== flow.orgId) report(`flows[${i}].actionIds[${a}]`, `action "${actionId}" belongs to another org (actions run in their own org's flows)`);
    });
  });
}

/** Scripts already compiled successfully: validation runs on every store change. */
const parsedScripts = new Set<string>();

/** `syntax error at line L: message` when `script` is not valid JavaScript, else undefined. */
export function findScriptSyntaxError(script: string): string | undefined {
  if (parsedScripts.has(script)) return undefined;
  try {
    // Compiling never runs the script.
    new Script(script, { filename: 'script' });
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const line = /^script:(\d+)/.exec(err.stack ?? '')?.[1];
    return `syntax error${line ? ` at line ${line}` : ''}: ${err.message}`;
  }
  parsedScripts.add(script);
  return undefined;
}
