// `--host 0.0.0.0` (or any address that is not loopback) puts the login pages and the one-click
// user picker on the network: anyone who can reach the port can log in as any fake user. Said
// once at start (issue 12 item 13).

export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^(?:::ffff:)?127\.\d+\.\d+\.\d+$/.test(name);
}

/** The warning to print for `host`, or undefined on loopback. */
export function describeExposedHost(host: string, port: number): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  return (
    `warning: listening on ${host}:${port}, reachable from the network: anyone who can reach it can use the ` +
    'login pages and the one-click user picker to log in as any user, and read tokens in the console with the admin token'
  );
}
