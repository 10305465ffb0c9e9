import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { blockedAddressReason, classifyAddress, guardedLookup, parseIPv6, parseOutboundUrl, type Resolver, refusedAddressReason, resolveChecked, UnsafeUrlError, type UrlAllowance } from './url-safety';

describe('blockedAddressReason', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', '"this network"'],
    ['0.1.2.3', '"this network"'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped 127.0.0.1: loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped 127.0.0.1: loopback'],
    ['::ffff:10.1.2.3', 'IPv4-mapped 10.1.2.3: private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped 169.254.169.254: a cloud metadata endpoint'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'IPv4-mapped 192.168.1.1: private'],
    ['64:ff9b::a00:1', 'NAT64 10.0.0.1: private'],
    ['2002:7f00:1::', '6to4 127.0.0.1: loopback'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['[::1]', 'loopback'],
  ])('%s is refused (%s)', (address, reason) => {
    expect(blockedAddressReason(address)).toContain(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is a public address',
    (address) => {
      expect(blockedAddressReason(address)).toBeNull();
    },
  );

  it('parses IPv6 text forms and rejects malformed ones', () => {
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('1::')).toBe(1n << 112n);
    expect(parseIPv6('::ffff:1.2.3.4')).toBe((0xffffn << 32n) | 0x01020304n);
    for (const bad of ['1:2:3', ':::', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '::1.2.3']) expect(parseIPv6(bad)).toBeNull();
    expect(blockedAddressReason('not-an-ip')).toBe('not an IP address');
  });
});

describe('parseOutboundUrl', () => {
  const reason = (url: string, allow: UrlAllowance = 'public') => {
    try {
      parseOutboundUrl(url, allow);
      return 'ok';
    } catch (e) {
      return (e as UnsafeUrlError).reason;
    }
  };
  it('requires https without the flag, refuses credentials and fragments, and checks IP literals', () => {
    expect(reason('https://hooks.example.com/x?y=1')).toBe('ok');
    expect(reason('http://hooks.example.com/')).toBe('https_required');
    expect(reason('http://hooks.example.com/', 'private')).toBe('ok');
    expect(reason('file:///etc/passwd', 'private')).toBe('https_required');
    expect(reason('https://a@hooks.example.com/')).toBe('credentials_in_url');
    expect(reason('https://hooks.example.com/#frag')).toBe('fragment_in_url');
    expect(reason('https://[::ffff:7f00:1]/')).toBe('private_address');
    expect(reason('https://0x7f.1/')).toBe('private_address');
    expect(reason('https://017700000001/')).toBe('private_address');
    expect(reason('https://127.1/')).toBe('private_address');
    expect(reason('https://[::ffff:7f00:1]/', 'private')).toBe('ok');
    expect(reason('/relative')).toBe('invalid_url');
  });
});

describe('guardedLookup', () => {
  const resolver: Resolver = async (host) => (host === 'both.test' ? [{ address: '93.184.216.34', family: 4 }, { address: '2606:4700::1', family: 6 }] : [{ address: '192.168.0.10', family: 4 }]);
  const lookup = (host: string, options: { all?: boolean; family?: number }, allow: UrlAllowance = 'public') =>
    new Promise<{ err: Error | null; address: string | LookupAddress[]; family?: number }>((resolve) => {
      guardedLookup({ allow, resolve: resolver })(host, options, (err, address, family) => resolve({ err, address, family }));
    });

  it('answers in both callback shapes and honours the family', async () => {
    expect(await lookup('both.test', { all: true })).toEqual({ err: null, address: [{ address: '93.184.216.34', family: 4 }, { address: '2606:4700::1', family: 6 }], family: undefined });
    expect(await lookup('both.test', { family: 6 })).toEqual({ err: null, address: '2606:4700::1', family: 6 });
  });

  it('fails the connection when any resolved address is private, unless allowed', async () => {
    const refused = await lookup('inside.test', { all: true });
    expect(refused.err).toBeInstanceOf(UnsafeUrlError);
    expect(refused.err?.message).toBe('Refusing a non-public address: inside.test resolves to 192.168.0.10 is private (192.168.0.0/16).');
    expect((await lookup('inside.test', { all: true }, 'private')).err).toBeNull();
    expect((await lookup('inside.test', { all: true }, 'loopback')).err).toBeInstanceOf(UnsafeUrlError);
  });

  it('reports resolution failures as unresolvable', async () => {
    const failing: Resolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    await expect(resolveChecked('x.test', { allow: 'public', resolve: failing })).rejects.toMatchObject({ reason: 'unresolvable_host', message: 'Could not resolve x.test (ENOTFOUND).' });
  });
});

describe('allowances: link-local and cloud metadata are refused under every policy', () => {
  const everyPolicy: UrlAllowance[] = ['public', 'loopback', 'private'];
  it.each(['169.254.169.254', '169.254.0.1', 'fe80::1', 'fd00:ec2::254', '100.100.100.200', '::ffff:169.254.169.254', '0.0.0.0', '224.0.0.1'])('%s is refused even when private URLs are allowed', (address) => {
    for (const allow of everyPolicy) expect(refusedAddressReason(address, allow), allow).not.toBeNull();
    expect(classifyAddress(address).kind).toBe('forbidden');
  });

  it('loopback admits 127/8 and ::1 only; private widens to the private ranges', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(refusedAddressReason(address, 'public')).not.toBeNull();
      expect(refusedAddressReason(address, 'loopback')).toBeNull();
    }
    for (const address of ['10.0.0.1', '192.168.1.1', '172.16.0.1', '100.64.0.1', 'fd12::1']) {
      expect(refusedAddressReason(address, 'loopback'), address).not.toBeNull();
      expect(refusedAddressReason(address, 'private'), address).toBeNull();
    }
  });

  it('refuses metadata host names by name, before any lookup, and names resolving to metadata', async () => {
    const resolver: Resolver = async () => [{ address: '169.254.169.254', family: 4 }];
    for (const allow of everyPolicy) {
      expect(() => parseOutboundUrl('http://metadata.google.internal/computeMetadata/v1/', allow === 'public' ? 'loopback' : allow)).toThrow(/cloud metadata service/);
      await expect(resolveChecked('METADATA.GOOGLE.INTERNAL.', { allow, resolve: resolver })).rejects.toThrow(/cloud metadata service/);
      await expect(resolveChecked('innocent.example', { allow, resolve: resolver })).rejects.toThrow('innocent.example resolves to 169.254.169.254 is a cloud metadata endpoint');
    }
    expect(() => parseOutboundUrl('http://[fd00:ec2::254]/latest/meta-data/', 'private')).toThrow(/cloud metadata endpoint/);
  });
});
