import { describe, expect, it } from 'vitest';
import { clientAddress, hostAllowed, hostNameAllowed, originAllowed, readPublicAccess } from './publicAccess';

describe('public origins', () => {
  const configured = readPublicAccess('https://menu.example, http://192.168.1.20:8080');

  it('accepts only the configured origins and hosts', () => {
    expect(originAllowed(configured, 'https://menu.example')).toBe(true);
    expect(originAllowed(configured, 'http://192.168.1.20:8080')).toBe(true);
    expect(originAllowed(configured, 'https://evil.example')).toBe(false);
    expect(originAllowed(configured, 'http://menu.example')).toBe(false);
    expect(originAllowed(configured, 'null')).toBe(false);
    expect(originAllowed(configured, 'not a url')).toBe(false);
    expect(hostAllowed(configured, 'menu.example')).toBe(true);
    expect(hostAllowed(configured, 'MENU.example')).toBe(true);
    expect(hostAllowed(configured, '192.168.1.20:8080')).toBe(true);
    expect(hostAllowed(configured, 'rebind.attacker.example')).toBe(false);
    expect(hostAllowed(configured, '127.0.0.1:8080')).toBe(false);
    expect(hostAllowed(configured, undefined)).toBe(false);
  });

  it('leaves requests without an Origin (not a browser) to the other limits', () => {
    expect(originAllowed(configured, undefined)).toBe(true);
    expect(originAllowed(configured, '')).toBe(true);
  });

  it('accepts any loopback origin and host when none is configured', () => {
    const local = readPublicAccess(undefined);
    expect(originAllowed(local, 'http://127.0.0.1:41234')).toBe(true);
    expect(originAllowed(local, 'http://localhost:3000')).toBe(true);
    expect(originAllowed(local, 'http://[::1]:8080')).toBe(true);
    expect(originAllowed(local, 'https://evil.example')).toBe(false);
    expect(hostAllowed(local, '127.0.0.1:8080')).toBe(true);
    expect(hostAllowed(local, 'localhost')).toBe(true);
    expect(hostAllowed(local, '[::1]:8080')).toBe(true);
    expect(hostAllowed(local, 'evil.example')).toBe(false);
    expect(hostAllowed(local, '127.0.0.1.evil.example')).toBe(false);
  });

  it('refuses a configuration that is not a list of origins', () => {
    expect(() => readPublicAccess('menu.example')).toThrow(/PUBLIC_ORIGINS/);
    expect(() => readPublicAccess('ftp://menu.example')).toThrow(/http/);
  });
});

describe('host names without their port', () => {
  it('accepts a configured name sent without its port, nothing else', () => {
    const configured = readPublicAccess('http://127.0.0.1:8080,https://menu.example');
    expect(hostNameAllowed(configured, '127.0.0.1:8080')).toBe(true);
    expect(hostNameAllowed(configured, '127.0.0.1')).toBe(true);
    expect(hostNameAllowed(configured, 'MENU.example')).toBe(true);
    expect(hostNameAllowed(configured, '127.0.0.1:9999')).toBe(false);
    expect(hostNameAllowed(configured, 'evil.example')).toBe(false);
    expect(hostNameAllowed(configured, undefined)).toBe(false);
    expect(hostNameAllowed(readPublicAccess(undefined), '127.0.0.1')).toBe(true);
    expect(hostNameAllowed(readPublicAccess(undefined), 'evil.example')).toBe(false);
  });
});

describe('client address', () => {
  it('takes X-Real-IP only from a proxy on loopback or a private network', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:10.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('172.20.0.3', ['198.51.100.1'])).toBe('198.51.100.1');
    expect(clientAddress('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', 'not-an-ip')).toBe('127.0.0.1');
    expect(clientAddress('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(clientAddress(undefined, undefined)).toBe('unknown');
  });
});
