/**
 * Where a team adds its own constructs to the landing zone in TypeScript. main.ts (and the review and test synths,
 * so they see the same output) pass `addWorkloads` to `defineLandingZone`, which calls it once every stack of every
 * environment is defined and before platform locks and policy exemptions are derived, so what it adds is covered
 * like the rest and passes the same synth gate (policy pack, intended flows).
 *
 * A spoke stack exposes what a workload builds on (README "Extend"): `resourceGroup`, `names`, `subnet(tier)`,
 * `securityGroup(tier)`, `allowFlow(from, to, ports)`, `dnsZones`, `privateEndpointSubnet`, `workloadIdentity`,
 * `keyVault`, `hub` and `management`. For example:
 *
 *     export function addWorkloads(landingZone: LandingZoneStacks): void {
 *       const shop = spokeStack(landingZone, 'dev', 'shop');
 *       shop.allowFlow('web', 'app', 8443);            // both NSG sides, checked by `npm run flows -- --check`
 *       addOrdersData(shop, { ... });                  // workloads/orders-data.ts
 *     }
 */
import type { LandingZoneStacks } from '../stacks/landing-zone';

/** Adds the workloads defined in code. The embedded environments define theirs in config only, so this adds nothing. */
export function addWorkloads(_landingZone: LandingZoneStacks): void {
  // Add workload constructs here (see above); config-driven workloads (spokes[].workload) need no code.
}
