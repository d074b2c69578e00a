import { Construct } from 'constructs';
import { parseCidr } from '../../lib/cidr';
import { AzureadNamedLocation } from '../../providers/azuread';
import { countryCodeProblem } from '../../lib/iso-countries';

/** Trusted (or merely known) egress ranges. */
export interface IpRangesLocation {
  readonly kind: 'ip';
  /** IPv4 prefixes, /8 or narrower (Entra ID rejects wider ones). */
  readonly ipRanges: readonly string[];
  /**
   * Marks the ranges trusted: they count as `AllTrusted` in Conditional Access location conditions.
   * @default true
   */
  readonly trusted?: boolean;
}

/** Countries, looked up from the client IP address. */
export interface CountriesLocation {
  readonly kind: 'countries';
  /** ISO 3166-1 alpha-2 codes, e.g. `KP`. */
  readonly countries: readonly string[];
  /**
   * @default false
   */
  readonly includeUnknownCountries?: boolean;
}

export interface NamedLocationProps {
  readonly displayName: string;
  readonly location: IpRangesLocation | CountriesLocation;
}

/**
 * A Conditional Access named location (IP ranges or countries).
 *
 * @resource azuread_named_location
 */
export class NamedLocation extends Construct {
  /**
   * The bare object ID, which is what policies must reference: azuread 3's `id` is the
   * `/identity/conditionalAccess/namedLocations/<id>` path and the Graph API rejects it in a policy
   * (terraform-provider-azuread issues #1504 and #1703).
   */
  public readonly objectId: string;
  public readonly displayName: string;

  constructor(scope: Construct, id: string, props: NamedLocationProps) {
    super(scope, id);
    const problems: string[] = [];
    const { location } = props;
    if (location.kind === 'ip') {
      if (location.ipRanges.length === 0) problems.push('ipRanges is empty; list at least one prefix');
      for (const range of location.ipRanges) {
        const parsed = parseCidr(range);
        if (!parsed.ok) problems.push(parsed.reason);
        else if (parsed.cidr.prefixLength < 8) problems.push(`${range} is wider than /8, which Entra ID rejects; split it`);
      }
    } else {
      if (location.countries.length === 0) problems.push('countries is empty; list at least one ISO 3166-1 alpha-2 code');
      for (const country of location.countries) {
        const problem = countryCodeProblem(country);
        if (problem) problems.push(`'${country}' ${problem}`);
      }
    }
    if (problems.length > 0) throw new Error(`NamedLocation '${props.displayName}': ${problems.join('; ')}`);

    const resource = new AzureadNamedLocation(this, 'Resource', {
      displayName: props.displayName,
      ...(location.kind === 'ip'
        ? { ip: { ipRanges: [...location.ipRanges].sort(), trusted: location.trusted ?? true } }
        : {
            country: {
              countriesAndRegions: [...location.countries].sort(),
              includeUnknownCountriesAndRegions: location.includeUnknownCountries ?? false,
              countryLookupMethod: 'clientIpAddress',
            },
          }),
    });
    this.objectId = resource.objectId;
    this.displayName = props.displayName;
  }
}
