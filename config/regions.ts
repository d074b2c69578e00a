/**
 * Azure regions this landing zone may be deployed to, with the short code used in resource names and whether the
 * region has availability zones (zone-redundant firewall and public IPs are used only where it does).
 * Source: Azure "regions with availability zones" list; extend here when Microsoft adds a region.
 */
export interface AzureRegion {
  /** Short code used in resource names, e.g. `weu`. */
  readonly shortName: string;
  /** Whether the region offers availability zones 1, 2 and 3. */
  readonly availabilityZones: boolean;
}

export const AZURE_REGIONS: Readonly<Record<string, AzureRegion>> = {
  australiacentral: { shortName: 'auc', availabilityZones: false },
  australiaeast: { shortName: 'aue', availabilityZones: true },
  australiasoutheast: { shortName: 'ause', availabilityZones: false },
  austriaeast: { shortName: 'ate', availabilityZones: true },
  belgiumcentral: { shortName: 'bec', availabilityZones: true },
  brazilsouth: { shortName: 'brs', availabilityZones: true },
  canadacentral: { shortName: 'cac', availabilityZones: true },
  canadaeast: { shortName: 'cae', availabilityZones: false },
  centralindia: { shortName: 'inc', availabilityZones: true },
  centralus: { shortName: 'cus', availabilityZones: true },
  eastasia: { shortName: 'ea', availabilityZones: true },
  eastus: { shortName: 'eus', availabilityZones: true },
  eastus2: { shortName: 'eus2', availabilityZones: true },
  francecentral: { shortName: 'frc', availabilityZones: true },
  francesouth: { shortName: 'frs', availabilityZones: false },
  germanynorth: { shortName: 'gn', availabilityZones: false },
  germanywestcentral: { shortName: 'gwc', availabilityZones: true },
  israelcentral: { shortName: 'ilc', availabilityZones: true },
  italynorth: { shortName: 'itn', availabilityZones: true },
  japaneast: { shortName: 'jpe', availabilityZones: true },
  japanwest: { shortName: 'jpw', availabilityZones: true },
  koreacentral: { shortName: 'krc', availabilityZones: true },
  koreasouth: { shortName: 'krs', availabilityZones: false },
  mexicocentral: { shortName: 'mxc', availabilityZones: true },
  newzealandnorth: { shortName: 'nzn', availabilityZones: true },
  northcentralus: { shortName: 'ncus', availabilityZones: false },
  northeurope: { shortName: 'neu', availabilityZones: true },
  norwayeast: { shortName: 'noe', availabilityZones: true },
  norwaywest: { shortName: 'now', availabilityZones: false },
  polandcentral: { shortName: 'plc', availabilityZones: true },
  qatarcentral: { shortName: 'qac', availabilityZones: true },
  southafricanorth: { shortName: 'san', availabilityZones: true },
  southafricawest: { shortName: 'saw', availabilityZones: false },
  southcentralus: { shortName: 'scus', availabilityZones: true },
  southeastasia: { shortName: 'sea', availabilityZones: true },
  southindia: { shortName: 'ins', availabilityZones: false },
  spaincentral: { shortName: 'esc', availabilityZones: true },
  swedencentral: { shortName: 'sdc', availabilityZones: true },
  switzerlandnorth: { shortName: 'chn', availabilityZones: true },
  switzerlandwest: { shortName: 'chw', availabilityZones: false },
  uaecentral: { shortName: 'uaec', availabilityZones: false },
  uaenorth: { shortName: 'uaen', availabilityZones: true },
  uksouth: { shortName: 'uks', availabilityZones: true },
  ukwest: { shortName: 'ukw', availabilityZones: false },
  westcentralus: { shortName: 'wcus', availabilityZones: false },
  westeurope: { shortName: 'weu', availabilityZones: true },
  westindia: { shortName: 'inw', availabilityZones: false },
  westus: { shortName: 'wus', availabilityZones: false },
  westus2: { shortName: 'wus2', availabilityZones: true },
  westus3: { shortName: 'wus3', availabilityZones: true },
};

export const AZURE_REGION_NAMES = Object.keys(AZURE_REGIONS) as readonly string[];

/**
 * The region a validated configuration names. The schema admits only `AZURE_REGION_NAMES`, so an unknown name here is
 * a programming error (a config that skipped validation), reported as such.
 */
export function azureRegion(location: string): AzureRegion {
  const region = Object.hasOwn(AZURE_REGIONS, location) ? AZURE_REGIONS[location] : undefined;
  if (!region) throw new Error(`Unknown Azure region '${location}': use one of ${AZURE_REGION_NAMES.join(', ')} (config/regions.ts)`);
  return region;
}

/** Zones to pin zone-redundant resources to: all three where the region has zones, none otherwise. */
export function availabilityZonesOf(location: string): string[] {
  return AZURE_REGIONS[location]?.availabilityZones ? ['1', '2', '3'] : [];
}
