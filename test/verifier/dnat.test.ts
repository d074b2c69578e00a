/**
 * Internet ingress through firewall DNAT: the published target is reachable from the Internet through the named
 * DNAT rule and then the routes and NSG of the translated flow; anything else from the Internet is not.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reachabilityMatrix, renderMatrixMarkdown, verifyFlow } from '../../verifier';
import { main as flows } from '../../verifier/cli';
import { checkIntendedSegmentation } from '../../verifier/segmentation-intent';
import { buildNetworkModel } from '../../verifier/model';
import type { TerraformJson } from '../../verifier/load';
import { LandingZoneConfig } from '../../config/schema';
import { APP1, HUB, LandingZone, landingZone, nsgRule, ref, ruleCollectionGroup } from './fixtures';
import { embeddedConfig, synthEnvironments } from '../helpers';

/** The fixture with a public IP on the firewall, snet-web-app1 admitting 443 from AzureFirewallSubnet only, and a DNAT rule. */
function published(rule: Record<string, unknown> = {}): LandingZone {
  const lz = landingZone();
  lz.s.add(HUB, 'azurerm_public_ip', 'FirewallPip', { name: 'pip-afw-hub', sku: 'Standard', allocation_method: 'Static' });
  nsgRule(lz.s, APP1, lz.nsgWeb, 'AllowIngress', { priority: 100, source_address_prefix: '10.0.0.0/26', destination_port_range: '443' });
  nsgRule(lz.s, APP1, lz.nsgWeb, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
  ruleCollectionGroup(lz, 'rcg-spoke-app1', 1000, {
    nat_rule_collection: [
      {
        name: 'app1-publish-web',
        priority: 400,
        action: 'Dnat',
        rule: [
          {
            name: 'app1-web-443',
            protocols: ['TCP'],
            source_addresses: ['*'],
            destination_address: ref('azurerm_public_ip.FirewallPip', 'ip_address'),
            destination_ports: ['443'],
            translated_address: '10.1.0.10',
            translated_port: 443,
            ...rule,
          },
        ],
      },
    ],
  });
  return lz;
}

const internetTo = (destination: string, port = 443) => ({ source: { ip: '203.0.113.10' }, destination: /^\d/.test(destination) ? { ip: destination } : { subnet: destination }, port, protocol: 'Tcp' as const });

describe('DNAT in the flow verifier', () => {
  test('Internet -> the published target is allowed via the DNAT rule, then by the web NSG rule', () => {
    const verdict = verifyFlow(published().s.model(), internetTo('10.1.0.10'));
    expect(verdict).toMatchObject({
      outcome: 'allowed',
      viaFirewall: true,
      decidedBy: { kind: 'nsg-rule', nsg: 'nsg-web-app1', rule: 'AllowIngress' },
      dnat: { ruleCollectionGroup: 'rcg-spoke-app1', ruleCollection: 'app1-publish-web', rule: 'app1-web-443', publicAddress: 'pip-afw-hub', publicPorts: '443', translatedAddress: '10.1.0.10', translatedPort: 443 },
    });
    expect(verdict.explanation).toBe(
      'allowed via DNAT rcg-spoke-app1/app1-publish-web/app1-web-443 on pip-afw-hub:443 -> 10.1.0.10:443, then by nsg-web-app1 inbound rule AllowIngress (priority 100)',
    );
    expect(verdict.hops.map((h) => h.step)).toEqual(['dnat', 'firewall-route', 'destination-nsg']);
  });

  test('the subnet holding the target counts as published; other ports and subnets are not', () => {
    const model = published().s.model();
    expect(verifyFlow(model, internetTo('snet-web-app1')).dnat?.rule).toBe('app1-web-443');
    expect(verifyFlow(model, internetTo('snet-web-app1', 22))).toMatchObject({ outcome: 'denied', decidedBy: { rule: 'DenyAllInbound' } });
    expect(verifyFlow(model, internetTo('snet-web-app1', 22)).dnat).toBeUndefined();
    expect(verifyFlow(model, internetTo('snet-data-app1')).dnat).toBeUndefined();
  });

  test('a source outside the rule\'s source addresses gets no translation', () => {
    const model = published({ source_addresses: ['198.51.100.0/24'] }).s.model();
    expect(verifyFlow(model, internetTo('10.1.0.10'))).toMatchObject({ outcome: 'denied', decidedBy: { rule: 'DenyAllInbound' } });
    expect(verifyFlow(model, { ...internetTo('10.1.0.10'), source: { ip: '198.51.100.7' } }).outcome).toBe('allowed');
  });

  test('a published target whose NSG does not admit the firewall is denied, naming the NSG rule and the DNAT rule', () => {
    const lz = published();
    delete lz.s.stacks[APP1]!.resource.azurerm_network_security_rule!.nsg_web_app1_AllowIngress;
    const verdict = verifyFlow(lz.s.model(), internetTo('10.1.0.10'));
    expect(verdict).toMatchObject({ outcome: 'denied', decidedBy: { rule: 'DenyAllInbound' }, dnat: { rule: 'app1-web-443' } });
    expect(verdict.explanation).toContain('(after DNAT rcg-spoke-app1/app1-publish-web/app1-web-443 on pip-afw-hub:443 -> 10.1.0.10:443)');
  });

  test('an unreadable translated address makes the verdict unknown, never allowed', () => {
    const verdict = verifyFlow(published({ translated_address: '10.1.0.10', destination_address: '${var.public_ip}' }).s.model(), internetTo('10.1.0.10'));
    expect(verdict.outcome).toBe('unknown');
  });

  test('npm run flows -- --from Internet answers with the DNAT rule', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-dnat-'));
    for (const [stack, json] of Object.entries(published().s.json())) {
      fs.mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(json));
    }
    let out = '';
    const code = flows(['--out', dir, '--env', 'dev', '--from', 'Internet', '--to', 'snet-web-app1', '--port', '443'], (t) => (out += t), () => undefined);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 2)).toEqual([
      'ALLOWED (via firewall): allowed via DNAT rcg-spoke-app1/app1-publish-web/app1-web-443 on pip-afw-hub:443 -> 10.1.0.10:443, then by nsg-web-app1 inbound rule AllowIngress (priority 100)',
      'entry: DNAT rcg-spoke-app1/app1-publish-web/app1-web-443 on pip-afw-hub:443 -> 10.1.0.10:443 (sources *)',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the matrix\'s Internet row shows the publication', () => {
    const text = renderMatrixMarkdown(reachabilityMatrix(published().s.model(), { probes: [{ port: 22, protocol: 'Tcp' }, { port: 443, protocol: 'Tcp' }] }), 'dev');
    expect(text).toContain('| Internet | 22, 443 | 22, 443 | 443 (dnat) |');
  });
});

type Stacks = Record<string, TerraformJson>;

describe('prod: published web tiers', () => {
  const prod = embeddedConfig('prod');
  const model = () => buildNetworkModel(synthEnvironments([prod]) as unknown as Stacks);
  const publishedSpokes = prod.spokes.filter((s) => s.ingress.publish);

  test('the embedded prod publishes at least one spoke (the cases below need one)', () => {
    expect(publishedSpokes.length).toBeGreaterThan(0);
  });

  test.each(publishedSpokes.map((s) => [s.name, s] as const))('Internet reaches %s web only through its DNAT rule', (name, spoke) => {
    const target = spoke.ingress.publish?.webAddress as string;
    const verdict = verifyFlow(model(), internetTo(target, Number(spoke.ingress.ports[0])));
    expect(verdict).toMatchObject({ outcome: 'allowed', dnat: { translatedAddress: target, ruleCollectionGroup: `rcg-spoke-${name}` } });
    const row = renderMatrixMarkdown(reachabilityMatrix(model()), 'prod').split('\n').find((line) => line.startsWith('| Internet |')) as string;
    expect(row).toContain(`${spoke.ingress.ports[0]} (dnat)`);
  });

  test('publishing a spoke the config does not publish fails the intent check, naming the spoke, port and DNAT rule', () => {
    // A spoke not behind an Application Gateway, in a base config that does not publish it.
    const candidate = prod.spokes.find((s) => s.workload?.ingress !== 'appGateway') as LandingZoneConfig['spokes'][number];
    const base: LandingZoneConfig = { ...prod, spokes: prod.spokes.map((s) => (s === candidate ? { ...s, ingress: { ...s.ingress, publish: undefined } } : s)) };
    const unpublished = base.spokes.find((s) => s.name === candidate.name) as LandingZoneConfig['spokes'][number];
    const webAddress = cidrAddress(unpublished.subnets.web, 10);
    const variant: LandingZoneConfig = {
      ...base,
      spokes: base.spokes.map((s) => (s === unpublished ? { ...s, ingress: { ...s.ingress, ports: [8443], publish: { webAddress } } } : s)),
    };
    const output = buildNetworkModel(synthEnvironments([variant]) as unknown as Stacks);
    expect(checkIntendedSegmentation(output, variant)).toEqual([]);
    const messages = checkIntendedSegmentation(output, base).map((v) => v.message);
    expect(messages).toContain(
      `prod: Internet -> ${webAddress} 8443/Tcp: expected denied (no spoke's ingress.publish names this target and port), but DNAT rcg-spoke-${unpublished.name}/${unpublished.name}-publish-web/${unpublished.name}-web-8443 on pip-afw-hub-prod-weu:8443 -> ${webAddress}:8443 publishes it; ` +
        `allowed via DNAT rcg-spoke-${unpublished.name}/${unpublished.name}-publish-web/${unpublished.name}-web-8443 on pip-afw-hub-prod-weu:8443 -> ${webAddress}:8443, then by nsg-web-${unpublished.name}-prod-weu inbound rule AllowIngressToWeb (priority 100)`,
    );
  });
});

function cidrAddress(prefix: string, offset: number): string {
  const [base] = prefix.split('/');
  const parts = base!.split('.').map(Number);
  parts[3]! += offset;
  return parts.join('.');
}
