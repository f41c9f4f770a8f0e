// Parsing `--domain host[:port]`, the issuer it makes, and ZITADEL's unknown-instance text when
// no Host header came at all (Z instance_interceptor.go setInstance: INST-zWq7X).
import { describe, expect, test } from 'vitest';
import { hostOfHeader, issuerOfDomain, parseDomain } from '../../src/main/domains/domain-spec.js';
import { describeUnknownInstance } from '../../src/main/domains/unknown-instance.js';

describe('parseDomain', () => {
  test.each([
    ['idp.localhost', { host: 'idp.localhost' }],
    ['IDP.Localhost:8443', { host: 'idp.localhost', port: 8443 }],
    ['host.docker.internal:8080', { host: 'host.docker.internal', port: 8080 }],
    ['192.168.1.5', { host: '192.168.1.5' }],
    ['[fd00::5]:8080', { host: '[fd00::5]', port: 8080 }],
  ])('%s', (value, expected) => {
    expect(parseDomain(value)).toEqual(expected);
  });

  test.each([
    ['http://idp', 'domain "http://idp" must be host or host:port (e.g. idp.localhost:8080)'],
    ['idp:99999', 'domain "idp:99999" has a port outside 1-65535'],
    ['-bad.example', 'domain "-bad.example" must be host or host:port (e.g. idp.localhost:8080)'],
    ['127.0.0.1:9000', 'domain "127.0.0.1:9000" is a loopback name: localhost keeps the main issuer'],
  ])('%s is refused', (value, message) => {
    expect(parseDomain(value)).toBe(message);
  });
});

test('issuers leave out the default port of their scheme', () => {
  expect(issuerOfDomain({ host: 'idp.localhost' }, 'http', 8080)).toBe('http://idp.localhost:8080');
  expect(issuerOfDomain({ host: 'idp.localhost', port: 443 }, 'https', 8443)).toBe('https://idp.localhost');
  expect(issuerOfDomain({ host: 'idp', port: 80 }, 'http', 8080)).toBe('http://idp');
});

test('hostOfHeader drops the port and lower-cases', () => {
  expect(hostOfHeader('IDP.localhost:8080')).toBe('idp.localhost');
  expect(hostOfHeader('[::1]:8080')).toBe('[::1]');
});

test('no Host header at all', () => {
  expect(describeUnknownInstance(undefined, 'http', 'localhost')).toBe(
    'unable to set instance using origin &{  http} (ExternalDomain is localhost): ID=INST-zWq7X Message=Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains',
  );
});
