// Store format for ZITADEL Actions (reference zitadel-actions.md §2.1, §2.2, §3.1): Actions v2
// `targets` and function `executions`, Actions v1 `actions` (per org) and their Complement
// Token `flows`. All optional, so store files written before them stay valid.
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty');

export const targetTypes = ['webhook', 'call', 'async'] as const;
/** ZITADEL's PAYLOAD_TYPE_JSON and PAYLOAD_TYPE_JWT; PAYLOAD_TYPE_JWE is not emulated. */
export const payloadTypes = ['json', 'jwt'] as const;
/** The function executions that reach claims (§2.2); `presamlresponse` needs SAML, which the emulator lacks. */
export const executionFunctions = ['preuserinfo', 'preaccesstoken'] as const;
export const flowTypes = ['complementToken'] as const;
/** Complement Token triggers 4 and 5 of Z `internal/domain/flow.go` (§3.1). */
export const flowTriggers = ['preUserinfoCreation', 'preAccessTokenCreation'] as const;

/** ZITADEL caps target timeouts at 270 s and v1 action timeouts at 20 s. */
export const MAX_TARGET_TIMEOUT = 270;
export const MAX_ACTION_TIMEOUT = 20;
/** Z `proto/zitadel/management.proto`: script ≤ 40000 bytes. */
export const MAX_SCRIPT_BYTES = 40_000;

const endpoint = z
  .string()
  .min(1, 'must not be empty')
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (value) => {
      try {
        const { protocol } = new URL(value);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http or https URL' },
  );

export const targetSchema = z
  .object({
    id,
    name: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
    /** `webhook` = restWebhook (reply ignored), `call` = restCall (reply applied), `async` = restAsync (fire and forget). */
    type: z.enum(targetTypes),
    endpoint,
    /** Seconds; ZITADEL has no default and refuses 0 (`Errors.Target.NoTimeout`). */
    timeout: z
      .number({ error: 'must be a number of seconds (ZITADEL has no default)' })
      .positive('must be more than 0 seconds (ZITADEL refuses targets without a timeout)')
      .max(MAX_TARGET_TIMEOUT, `must be at most ${MAX_TARGET_TIMEOUT} seconds`),
    interruptOnError: z.boolean().default(false),
    /** `jwt`: the body is the payload as a JWS signed with the active signing key (JWKS `/oauth/v2/keys`). */
    payloadType: z.enum(payloadTypes, { error: `must be one of ${payloadTypes.join(', ')} (jwe is not emulated)` }).default('json'),
    /** HMAC key of the ZITADEL-Signature header; ZITADEL generates 36 letters and digits. */
    signingKey: z.string({ error: 'must be a string: the key the target verifies ZITADEL-Signature with' }).min(1, 'must not be empty: the key the target verifies ZITADEL-Signature with'),
  })
  .refine((target) => !(target.type === 'async' && target.interruptOnError), {
    message: 'async targets never interrupt the flow: interruptOnError must be false',
    path: ['interruptOnError'],
  });

export const executionSchema = z.object({
  function: z.enum(executionFunctions, { error: `must be one of ${executionFunctions.join(', ')}` }),
  /** Target ids, called one after another in this order. */
  targets: z.array(id).default([]),
});

export const actionSchema = z.object({
  id,
  /** The action's org: ZITADEL runs the Complement Token actions of the user's org (§3). */
  orgId: id,
  /** The script's function of this name is called; names that are not identifiers never run (`function not found`). */
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  script: z
    .string()
    .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_SCRIPT_BYTES, { message: `must be at most ${MAX_SCRIPT_BYTES} bytes` }),
  /** Seconds; 0 (ZITADEL's value when none is set) or 20 means ZITADEL's maximum of 20 s. */
  timeout: z.number().min(0, 'must not be negative').max(MAX_ACTION_TIMEOUT, `must be at most ${MAX_ACTION_TIMEOUT} seconds`).default(0),
  allowedToFail: z.boolean().default(false),
  state: z.enum(['active', 'inactive']).default('active'),
});

export const flowSchema = z.object({
  orgId: id,
  type: z.enum(flowTypes).default('complementToken'),
  trigger: z.enum(flowTriggers, { error: `must be one of ${flowTriggers.join(', ')}` }),
  /** Action ids of the same org, run in this order. */
  actionIds: z.array(id).default([]),
});

export type Target = z.output<typeof targetSchema>;
export type Execution = z.output<typeof executionSchema>;
export type ExecutionFunction = (typeof executionFunctions)[number];
export type Action = z.output<typeof actionSchema>;
export type Flow = z.output<typeof flowSchema>;
export type FlowTrigger = (typeof flowTriggers)[number];
