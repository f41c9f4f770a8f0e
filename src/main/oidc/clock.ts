// The time source every time-based rule reads (DESIGN §1: `clock` is an option of startEmulator).
// Its own module so the library's public types do not reach into Koa-typed internals.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
