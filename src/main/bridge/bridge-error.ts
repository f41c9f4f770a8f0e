// The one error of the test bridge: a request a test made that cannot be honoured (unknown user
// or app, a login the policy refuses, a malformed fault). The admin API answers it as a 400 with
// the field it is about; the library throws it with the same message.
export class BridgeError extends Error {
  override name = 'BridgeError';
  /** The input field the problem is about, e.g. `user` or `tamper`; empty for the whole request. */
  readonly field: string;

  constructor(message: string, field = '') {
    super(message);
    this.field = field;
  }
}
