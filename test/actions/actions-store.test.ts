// Actions in the store file (zitadel-actions.md §2.1, §2.2, §3.1): optional, validated with
// messages that say where and what is wrong, like the rest of the store.
import { describe, expect, it } from 'vitest';
import { validateStore } from '../../src/main/store/parse-store.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { StoreError } from '../../src/main/store/store-error.js';
import { buildServiceUsersSeed, SU } from '../helpers/service-users-seed.js';

const target = { id: '620000000000000001', name: 'crm', type: 'call' as const, endpoint: 'http://localhost:4000/hook', timeout: 10, signingKey: 'secret' };
const action = { id: '620000000000000002', orgId: SU.org, name: 'tier', script: 'function tier(ctx, api) {}' };

function problemsOf(extra: Partial<StoreInput>): string[] {
  try {
    validateStore({ ...buildServiceUsersSeed(), ...extra });
    return [];
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    return err.problems.map((p) => `${p.where}: ${p.message}`);
  }
}

describe('store format', () => {
  it('accepts a complete example and fills the defaults', () => {
    const data = validateStore({
      ...buildServiceUsersSeed(),
      targets: [target],
      executions: [{ function: 'preuserinfo', targets: [target.id] }],
      actions: [action],
      flows: [{ orgId: SU.org, trigger: 'preUserinfoCreation', actionIds: [action.id] }],
    });
    expect(data.targets[0]).toEqual({ ...target, interruptOnError: false, payloadType: 'json' });
    expect(data.actions[0]).toEqual({ ...action, timeout: 0, allowedToFail: false, state: 'active' });
    expect(data.flows[0]).toEqual({ orgId: SU.org, type: 'complementToken', trigger: 'preUserinfoCreation', actionIds: [action.id] });
  });

  it('says what is wrong with targets and executions', () => {
    expect(problemsOf({ targets: [{ ...target, timeout: 0, endpoint: 'ftp://x', type: 'async', interruptOnError: true }] })).toEqual([
      'targets[0].endpoint: must be an absolute http or https URL',
      'targets[0].timeout: must be more than 0 seconds (ZITADEL refuses targets without a timeout)',
      'targets[0].interruptOnError: async targets never interrupt the flow: interruptOnError must be false',
    ]);
    expect(problemsOf({ targets: [{ ...target, type: 'async', interruptOnError: true }] })).toEqual([
      'targets[0].interruptOnError: async targets never interrupt the flow: interruptOnError must be false',
    ]);
    expect(problemsOf({ targets: [{ ...target, timeout: 271 }] })).toEqual(['targets[0].timeout: must be at most 270 seconds']);
    expect(problemsOf({ executions: [{ function: 'presamlresponse' as 'preuserinfo', targets: [] }] })).toEqual([
      'executions[0].function: must be one of preuserinfo, preaccesstoken',
    ]);
    expect(
      problemsOf({
        targets: [target],
        executions: [
          { function: 'preuserinfo', targets: ['999'] },
          { function: 'preuserinfo', targets: [target.id] },
        ],
      }),
    ).toEqual(['executions[0].targets[0]: no target has id "999"', 'executions[1].function: there is already an execution for function "preuserinfo"']);
    expect(problemsOf({ targets: [{ ...target, id: SU.alice }] })).toEqual([`targets[0].id: id "${SU.alice}" is already used by users[0]`]);
  });

  it('says what is wrong with v1 actions and flows', () => {
    expect(problemsOf({ actions: [{ ...action, timeout: 21 }, { ...action, id: '620000000000000003', script: 'function (' }] })).toEqual([
      'actions[0].timeout: must be at most 20 seconds',
    ]);
    expect(problemsOf({ actions: [action, { ...action, id: '620000000000000003', script: 'function tier(ctx, api) {\n  var = 1;\n}' }] })).toEqual([
      'actions[1].name: an action named "tier" already exists in this org',
      "actions[1].script: syntax error at line 2: Unexpected token '='",
    ]);
    expect(
      problemsOf({
        actions: [{ ...action, orgId: SU.otherOrg }],
        flows: [
          { orgId: SU.org, trigger: 'preUserinfoCreation', actionIds: [action.id, '404'] },
          { orgId: SU.org, trigger: 'preUserinfoCreation', actionIds: [] },
          { orgId: SU.org, trigger: 'postAuthentication' as 'preUserinfoCreation', actionIds: [] },
        ],
      }),
    ).toEqual([
      'flows[2].trigger: must be one of preUserinfoCreation, preAccessTokenCreation',
    ]);
    expect(
      problemsOf({
        actions: [{ ...action, orgId: SU.otherOrg }],
        flows: [
          { orgId: SU.org, trigger: 'preUserinfoCreation', actionIds: [action.id, '404'] },
          { orgId: SU.org, trigger: 'preUserinfoCreation', actionIds: [] },
        ],
      }),
    ).toEqual([
      `flows[0].actionIds[0]: action "${action.id}" belongs to another org (actions run in their own org's flows)`,
      'flows[0].actionIds[1]: no action has id "404"',
      'flows[1].trigger: this org already has a complementToken flow for trigger "preUserinfoCreation"',
    ]);
  });
});
