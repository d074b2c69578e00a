import { Construct, IConstruct } from 'constructs';
import { ALL_PRIVATE_DNS_ZONES, privateLinkUsesOfZone } from '../../lib/private-link-zones';
import { parseResourceId } from '../../lib/resource-id';
import { closestMatch } from '../../lib/suggest';
import { PrivateDnsZone, PrivateDnsZoneVirtualNetworkLink } from '../../providers/azurerm';
import { TerraformProvider, Token } from '../../providers/cdktf';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';

/** Finds the ID of a central private DNS zone, for a private endpoint's DNS zone group. */
export interface IPrivateDnsZoneLookup {
  /** The zone's resource ID; throws when that zone was not created, naming the service whose zones to add. */
  zoneId(zoneName: string): string;
}

/**
 * A set of central private DNS zones, owned (`PrivateDnsZones`) or imported (`PrivateDnsZones.fromZoneIds`, e.g. the
 * zones of a tenant's existing hub): private endpoints look their zones up here.
 */
export interface IPrivateDnsZones extends IPrivateDnsZoneLookup, IConstruct {
  /** Zone name -> zone resource ID. */
  readonly zoneIds: Readonly<Record<string, string>>;
  /** The zone names, sorted. */
  readonly zoneNames: readonly string[];
}

/** A virtual network to link the zones to. */
export interface PrivateDnsVirtualNetwork {
  /** VNet name, literal: it is part of the link names (`link-<name>`). */
  readonly name: string;
  readonly id: string;
}

export interface PrivateDnsZonesProps {
  readonly resourceGroup: IResourceGroupRef;
  /**
   * Zone names, each a zone of `lib/private-link-zones.ts` (`privateDnsZonesOfServices([...])` picks them by service).
   * @default ALL_PRIVATE_DNS_ZONES
   */
  readonly zones?: readonly string[];
  /** VNets linked to every zone (registration off); more with `linkVirtualNetwork`. */
  readonly virtualNetworks: readonly PrivateDnsVirtualNetwork[];
  /**
   * Tags on the zones and their links.
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on each zone (child `Lock` of the zone; Azure applies it to its records and links).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * The central private DNS zones of an environment, one `azurerm_private_dns_zone` per Private Link zone (zones are
 * global: no location), each linked to the given VNets with auto-registration off. Private endpoints write their A
 * records here through their DNS zone group (`zoneId`).
 *
 * @resource azurerm_private_dns_zone, azurerm_private_dns_zone_virtual_network_link
 */
export class PrivateDnsZones extends Construct implements IPrivateDnsZones {
  /**
   * Existing zones from their resource IDs (no provider call): the zone name is read from each ID. Throws, listing
   * every problem, when an ID is malformed, a zone is not a Private Link zone of `lib/private-link-zones.ts`, or one
   * zone comes twice. Link a VNet to them with `PrivateDnsZoneLinks`.
   */
  public static fromZoneIds(scope: Construct, id: string, zoneIds: readonly string[]): IPrivateDnsZones {
    const byName: Record<string, string> = {};
    const problems: string[] = [];
    for (const zoneId of zoneIds) {
      try {
        const { name } = parseResourceId(zoneId, 'Microsoft.Network/privateDnsZones', `PrivateDnsZones.fromZoneIds('${id}')`);
        if (Object.hasOwn(byName, name)) problems.push(`zone '${name}' is given twice`);
        else if (!ALL_PRIVATE_DNS_ZONES.includes(name)) problems.push(missingZoneMessage(name));
        byName[name] = zoneId;
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (zoneIds.length === 0) problems.push('no zone IDs; pass the resource IDs of the existing privatelink.* zones');
    if (problems.length > 0) throw new Error(`PrivateDnsZones.fromZoneIds('${id}'): ${problems.join('; ')}`);
    return new ImportedPrivateDnsZones(scope, id, byName);
  }

  /** Zone name -> zone resource ID. */
  public readonly zoneIds: Readonly<Record<string, string>>;
  /** The zone names, sorted. */
  public readonly zoneNames: readonly string[];
  private readonly resourceGroupName: string;
  private readonly tags?: Tags;
  private readonly zoneScopes = new Map<string, { scope: Construct; zone: PrivateDnsZone }>();
  private readonly linkedNetworks: string[] = [];

  constructor(scope: Construct, id: string, props: PrivateDnsZonesProps) {
    super(scope, id);
    const zones = props.zones ?? ALL_PRIVATE_DNS_ZONES;
    const problems = zoneListProblems('zones', zones);
    if (problems.length > 0) throw new Error(`PrivateDnsZones '${id}': ${problems.join('; ')}`);

    this.resourceGroupName = props.resourceGroup.name;
    this.tags = props.tags;
    this.zoneNames = [...zones].sort();
    const zoneIds: Record<string, string> = {};
    for (const zoneName of this.zoneNames) {
      const zoneScope = new Construct(this, constructIdOf(zoneName));
      const zone = new PrivateDnsZone(zoneScope, 'Resource', {
        name: zoneName,
        resourceGroupName: props.resourceGroup.name,
        tags: tagsOf(props.tags),
      });
      this.zoneScopes.set(zoneName, { scope: zoneScope, zone });
      defineResourceLock(zoneScope, zone.id, zoneName, props.lock, 'the A records private endpoints register');
      zoneIds[zoneName] = zone.id;
    }
    this.zoneIds = zoneIds;
    for (const network of props.virtualNetworks) this.linkVirtualNetwork(network.name, network.id);
  }

  public zoneId(zoneName: string): string {
    const zoneId = this.zoneScopes.has(zoneName) ? this.zoneIds[zoneName] : undefined;
    if (zoneId === undefined) throw new Error(`PrivateDnsZones '${this.node.id}': ${missingZoneMessage(zoneName)}`);
    return zoneId;
  }

  /** Links every zone to one more VNet (registration off); throws when that VNet name is already linked or invalid. */
  public linkVirtualNetwork(name: string, virtualNetworkId: string): void {
    const problems = virtualNetworkNameProblems(name);
    if (this.linkedNetworks.includes(name)) problems.push(`virtual network '${name}' is already linked; link each VNet once`);
    if (problems.length > 0) throw new Error(`PrivateDnsZones '${this.node.id}': ${problems.join('; ')}`);
    this.linkedNetworks.push(name);
    for (const { scope, zone } of this.zoneScopes.values()) {
      new PrivateDnsZoneVirtualNetworkLink(scope, name, linkConfig(zone.name, this.resourceGroupName, name, virtualNetworkId, this.tags));
    }
  }
}

class ImportedPrivateDnsZones extends Construct implements IPrivateDnsZones {
  public readonly zoneNames: readonly string[];

  constructor(
    scope: Construct,
    id: string,
    public readonly zoneIds: Readonly<Record<string, string>>,
  ) {
    super(scope, id);
    this.zoneNames = Object.keys(zoneIds).sort();
  }

  public zoneId(zoneName: string): string {
    const zoneId = this.zoneIds[zoneName];
    if (zoneId === undefined) throw new Error(`PrivateDnsZones '${this.node.id}' (imported): ${missingZoneMessage(zoneName).replace(/; add it to zones.*$/, '')}; add its ID to fromZoneIds`);
    return zoneId;
  }
}

export interface PrivateDnsZoneLinksProps {
  /** The zones' resource group; may be a cross-stack reference. */
  readonly resourceGroupName: string;
  /** The zones to link, each a zone of `lib/private-link-zones.ts` (e.g. `PrivateDnsZones.zoneNames`). */
  readonly zoneNames: readonly string[];
  /** VNet name, literal: it is part of the link names (`link-<name>`). */
  readonly virtualNetworkName: string;
  readonly virtualNetworkId: string;
  /**
   * Provider for the zones' subscription, when the VNet lives in another one.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * Links existing private DNS zones (typically the central ones of another stack) to one VNet, registration off, so
 * a workload stack links its own spoke without touching the zones' state.
 *
 * @resource azurerm_private_dns_zone_virtual_network_link
 */
export class PrivateDnsZoneLinks extends Construct {
  /** Zone name -> link resource ID. */
  public readonly linkIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: PrivateDnsZoneLinksProps) {
    super(scope, id);
    const problems = [...zoneListProblems('zoneNames', props.zoneNames), ...virtualNetworkNameProblems(props.virtualNetworkName)];
    if (problems.length > 0) throw new Error(`PrivateDnsZoneLinks '${id}': ${problems.join('; ')}`);

    const linkIds: Record<string, string> = {};
    for (const zoneName of [...props.zoneNames].sort()) {
      const link = new PrivateDnsZoneVirtualNetworkLink(this, constructIdOf(zoneName), {
        ...linkConfig(zoneName, props.resourceGroupName, props.virtualNetworkName, props.virtualNetworkId, props.tags),
        provider: props.provider,
      });
      linkIds[zoneName] = link.id;
    }
    this.linkIds = linkIds;
  }
}

/** The name of the link between any zone and a VNet (unique per zone because VNet names are unique per link set). */
export function privateDnsLinkName(virtualNetworkName: string): string {
  return `link-${virtualNetworkName}`;
}

// Dots vanish from logical IDs (privatelinkblobcorewindowsnet); hyphens stay: privatelink-blob-core-windows-net.
function constructIdOf(zoneName: string): string {
  return zoneName.replace(/\./g, '-');
}

function tagsOf(tags: Tags | undefined): Record<string, string> | undefined {
  return tags ? { ...tags } : undefined;
}

function linkConfig(zoneName: string, resourceGroupName: string, networkName: string, networkId: string, tags: Tags | undefined) {
  return {
    name: privateDnsLinkName(networkName),
    resourceGroupName,
    privateDnsZoneName: zoneName,
    virtualNetworkId: networkId,
    registrationEnabled: false,
    tags: tagsOf(tags),
  };
}

function missingZoneMessage(zoneName: string): string {
  const uses = privateLinkUsesOfZone(zoneName);
  if (uses.length === 0) {
    const suggestion = closestMatch(zoneName, ALL_PRIVATE_DNS_ZONES);
    return `'${zoneName}' is not a Private Link zone of lib/private-link-zones.ts${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
  }
  const services = [...new Set(uses.map((use) => use.service))];
  const usedBy = uses.map((use) => `${use.service} ${use.subresource}`).join(', ');
  return (
    `zone '${zoneName}' (used by ${usedBy}) was not created; add it to zones, ` +
    `e.g. zones: privateDnsZonesOfServices([${services.map((s) => `'${s}'`).join(', ')}, ...])`
  );
}

function zoneListProblems(what: string, zones: readonly string[]): string[] {
  const problems: string[] = [];
  if (zones.length === 0) problems.push(`${what} is empty; pass at least one zone (or omit zones for ALL_PRIVATE_DNS_ZONES)`);
  const seen = new Set<string>();
  for (const zone of zones) {
    if (Token.isUnresolved(zone)) {
      problems.push(`${what} must be literal zone names, got a token; pass PrivateDnsZones.zoneNames or names from lib/private-link-zones.ts`);
      continue;
    }
    if (seen.has(zone)) problems.push(`${what} lists '${zone}' twice`);
    seen.add(zone);
    if (!ALL_PRIVATE_DNS_ZONES.includes(zone)) problems.push(`${what}: ${missingZoneMessage(zone)}; add its service there to use another zone`);
  }
  return problems;
}

const NETWORK_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])$/;

function virtualNetworkNameProblems(name: string): string[] {
  if (Token.isUnresolved(name)) return ['the virtual network name must be a literal (it is part of the link names), got a token; pass the VNet name as a string'];
  if (!NETWORK_NAME.test(name)) {
    return [`virtual network name '${name}' is not a valid VNet name (2-64 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore)`];
  }
  return [];
}
